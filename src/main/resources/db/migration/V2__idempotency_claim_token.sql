-- Which request holds a claim: completing or releasing a key only touches the claim the request made itself,
-- never one another request took over after the lease ran out.
ALTER TABLE idempotency_key ADD COLUMN claim_token VARCHAR(36);
