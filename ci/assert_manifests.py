#!/usr/bin/env python3
"""Assertions on the shipping artefacts: Dockerfile, docker-compose.yml, the chart's values and the
manifests `helm template` rendered (called by ci/check-shipping.sh).

Usage: assert_manifests.py REPO_ROOT RENDERED_DIR

Prints one line per assertion, "ok   - ..." or "FAIL - ...", and exits 1 when any failed.
"""
import fnmatch
import json
import os
import re
import shlex
import sys

import yaml

CHART = "helm/spira-run-gateway"
SECRET_LIKE = re.compile(r"(KEY|PASSWORD|SECRET|TOKEN|CREDENTIAL)", re.IGNORECASE)
INLINE_KEY = "ci-dummy-spira-api-key"  # what check-shipping.sh passes as spira.apiKey

passed = 0
failed = 0


def check(description, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok   - {description}")
    else:
        failed += 1
        print(f"FAIL - {description}" + (f": {detail}" if detail else ""))
    return bool(condition)


def load_docs(path):
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if d]


def kinds(docs, kind):
    return [d for d in docs if d.get("kind") == kind]


def dig(obj, *path, default=None):
    for key in path:
        if isinstance(obj, dict) and key in obj:
            obj = obj[key]
        elif isinstance(obj, list) and isinstance(key, int) and key < len(obj):
            obj = obj[key]
        else:
            return default
    return default if obj is None else obj


# --- Dockerfile -------------------------------------------------------------------------------

def dockerfile_instructions(text):
    """(INSTRUCTION, arguments) pairs with line continuations joined and comments dropped."""
    out, current = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        word, _, rest = current.partition(" ")
        out.append((word.upper(), rest.strip()))
        current = ""
    return out


def copy_sources(args):
    """Source paths of a COPY/ADD, or None when it copies from another stage."""
    if args.startswith("["):
        parts = json.loads(args)
    else:
        parts = shlex.split(args)
    flags = [p for p in parts if p.startswith("--")]
    if any(f.startswith("--from=") for f in flags):
        return None
    paths = [p for p in parts if not p.startswith("--")]
    return paths[:-1]


def dockerignore_patterns(root):
    path = os.path.join(root, ".dockerignore")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        lines = [ln.strip() for ln in f]
    return [ln.rstrip("/") for ln in lines if ln and not ln.startswith("#") and not ln.startswith("!")]


def check_dockerfile(root):
    with open(os.path.join(root, "Dockerfile"), encoding="utf-8") as f:
        instructions = dockerfile_instructions(f.read())
    ignored = dockerignore_patterns(root)

    froms = [a for i, a in instructions if i == "FROM"]
    check("Dockerfile: multi-stage, built on a JDK 21 image", len(froms) >= 2 and froms[0].startswith("eclipse-temurin:21-jdk"),
          f"FROM lines: {froms}")
    check("Dockerfile: runs on a JRE 21 image", bool(froms) and froms[-1].startswith("eclipse-temurin:21-jre"), froms[-1] if froms else "")

    final_start = max(i for i, (ins, _) in enumerate(instructions) if ins == "FROM")
    final = instructions[final_start:]

    for ins, args in instructions:
        if ins not in ("COPY", "ADD"):
            continue
        sources = copy_sources(args)
        if sources is None:
            continue
        for src in sources:
            exists = os.path.exists(os.path.join(root, src))
            check(f"Dockerfile: COPY source '{src}' exists in the repo", exists)
            hit = [p for p in ignored if fnmatch.fnmatch(src.rstrip("/"), p)]
            check(f"Dockerfile: COPY source '{src}' is not excluded by .dockerignore", not hit, f"matched {hit}")

    runs = " ".join(a for i, a in instructions if i == "RUN")
    check("Dockerfile: layered extraction with -Djarmode=tools extract --layers --launcher",
          "-Djarmode=tools" in runs and "extract" in runs and "--layers" in runs and "--launcher" in runs)
    layer_copies = [a for i, a in final if i == "COPY" and "--from=" in a]
    for layer in ("dependencies", "spring-boot-loader", "snapshot-dependencies", "application"):
        check(f"Dockerfile: Boot layer '{layer}' copied in its own COPY",
              sum(1 for a in layer_copies if f"/{layer}/" in a) == 1)

    users = [a for i, a in final if i == "USER"]
    user = users[-1].split(":")[0] if users else ""
    check("Dockerfile: runs as a fixed non-root UID", user.isdigit() and int(user) != 0, f"USER {users}")
    check("Dockerfile: no HEALTHCHECK (Kubernetes probes do that)", not any(i == "HEALTHCHECK" for i, _ in instructions))
    check("Dockerfile: EXPOSE 8080", any(i == "EXPOSE" and "8080" in a.split() for i, a in final))
    envs = " ".join(a for i, a in final if i == "ENV")
    check("Dockerfile: JVM heap sized from the container (MaxRAMPercentage)", "MaxRAMPercentage" in envs)
    entry = [a for i, a in final if i == "ENTRYPOINT"]
    check("Dockerfile: exec-form ENTRYPOINT runs Boot's JarLauncher",
          bool(entry) and entry[-1].startswith("[") and "org.springframework.boot.loader.launch.JarLauncher" in entry[-1])
    names = []
    for ins, args in instructions:
        if ins in ("ENV", "ARG"):
            names += [m.group(1) for m in re.finditer(r"(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)(?==|\s|$)", args)]
    secret_names = [n for n in names if SECRET_LIKE.search(n)]
    check("Dockerfile: no secret-like ENV or ARG baked in", not secret_names, f"{secret_names}")


# --- docker-compose.yml ---------------------------------------------------------------------------

def env_map(environment):
    if isinstance(environment, dict):
        return {k: str(v) for k, v in environment.items()}
    result = {}
    for item in environment or []:
        key, _, value = str(item).partition("=")
        result[key] = value
    return result


def check_compose(root):
    with open(os.path.join(root, "docker-compose.yml"), encoding="utf-8") as f:
        compose = yaml.safe_load(f)
    services = compose.get("services", {})
    gateway, postgres = services.get("gateway", {}), services.get("postgres", {})
    check("compose: services gateway and postgres", bool(gateway) and bool(postgres), f"{sorted(services)}")
    check("compose: gateway is built from the repo's Dockerfile", gateway.get("build") in (".", {"context": "."}))
    check("compose: gateway publishes 8080:8080", "8080:8080" in [str(p) for p in gateway.get("ports", [])])
    env = env_map(gateway.get("environment"))
    check("compose: gateway runs the demo Spira stand-in (SPRING_PROFILES_ACTIVE=demo)", env.get("SPRING_PROFILES_ACTIVE") == "demo")
    check("compose: gateway's datasource points at the postgres service",
          env.get("SPRING_DATASOURCE_URL", "").startswith("jdbc:postgresql://postgres:5432/"))
    check("compose: gateway waits for a healthy postgres",
          dig(gateway, "depends_on", "postgres", "condition") == "service_healthy")
    check("compose: postgres has a pg_isready healthcheck", "pg_isready" in json.dumps(dig(postgres, "healthcheck", "test", default="")))
    volumes = [str(v).split(":")[0] for v in postgres.get("volumes", [])]
    check("compose: postgres data on a declared named volume",
          any(v in (compose.get("volumes") or {}) for v in volumes), f"{volumes}")


# --- values.yaml documentation --------------------------------------------------------------------

def leaf_paths(node, prefix=""):
    if isinstance(node, dict) and node:
        for key, value in node.items():
            yield from leaf_paths(value, f"{prefix}.{key}" if prefix else str(key))
    else:
        yield prefix


def check_values_documented(root):
    path = os.path.join(root, CHART, "values.yaml")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    documented = set(re.findall(r"^\s*## @param (\S+)", text, re.MULTILINE))
    leaves = set(leaf_paths(yaml.safe_load(text)))
    missing = sorted(leaves - documented)
    stale = sorted(documented - leaves)
    check(f"values.yaml: all {len(leaves)} values carry a '## @param' comment", not missing, f"undocumented: {missing}")
    check("values.yaml: every '## @param' names an existing value", not stale, f"stale: {stale}")


# --- rendered manifests ---------------------------------------------------------------------------

def gateway_container(deployment):
    containers = dig(deployment, "spec", "template", "spec", "containers", default=[])
    return containers[0] if containers else {}


def check_workload(name, docs):
    """What every rendering must get right."""
    deployments = kinds(docs, "Deployment")
    if not check(f"{name}: one Deployment rendered", len(deployments) == 1, f"{len(deployments)}"):
        return
    deployment = deployments[0]
    pod = dig(deployment, "spec", "template", "spec", default={})
    container = gateway_container(deployment)

    ports = {p.get("name"): p.get("containerPort") for p in container.get("ports", [])}
    check(f"{name}: container port named http is 8080", ports.get("http") == 8080, f"{ports}")
    for probe, path in (("livenessProbe", "/livez"), ("readinessProbe", "/readyz"), ("startupProbe", "/livez")):
        got = (dig(container, probe, "httpGet", "path"), dig(container, probe, "httpGet", "port"))
        check(f"{name}: {probe} is GET {path} on port http", got == (path, "http"), f"{got}")
    startup_budget = dig(container, "startupProbe", "failureThreshold", default=0) * dig(container, "startupProbe", "periodSeconds", default=0)
    check(f"{name}: startupProbe allows >= 60 s for a slow JVM start", startup_budget >= 60, f"{startup_budget} s")

    psc = pod.get("securityContext", {})
    check(f"{name}: pod runAsNonRoot with UID/GID/fsGroup 10001",
          psc.get("runAsNonRoot") is True and psc.get("runAsUser") == 10001 and psc.get("runAsGroup") == 10001 and psc.get("fsGroup") == 10001,
          f"{psc}")
    check(f"{name}: pod seccompProfile RuntimeDefault", dig(psc, "seccompProfile", "type") == "RuntimeDefault")
    csc = container.get("securityContext", {})
    check(f"{name}: container allowPrivilegeEscalation false", csc.get("allowPrivilegeEscalation") is False)
    check(f"{name}: container readOnlyRootFilesystem true", csc.get("readOnlyRootFilesystem") is True)
    check(f"{name}: container drops ALL capabilities", dig(csc, "capabilities", "drop") == ["ALL"] and not dig(csc, "capabilities", "add"))
    check(f"{name}: container not privileged", not csc.get("privileged"))
    check(f"{name}: automountServiceAccountToken false on the pod", pod.get("automountServiceAccountToken") is False)
    for sa in kinds(docs, "ServiceAccount"):
        check(f"{name}: automountServiceAccountToken false on the ServiceAccount", sa.get("automountServiceAccountToken") is False)

    res = container.get("resources", {})
    check(f"{name}: resource requests and limits set (cpu, memory)",
          all(dig(res, kind, r) for kind in ("requests", "limits") for r in ("cpu", "memory")), f"{res}")

    volumes = {v.get("name"): v for v in pod.get("volumes", [])}
    mounts = {m.get("mountPath"): m.get("name") for m in container.get("volumeMounts", [])}
    check(f"{name}: writable /tmp is an emptyDir", "emptyDir" in volumes.get(mounts.get("/tmp"), {}), f"{mounts}")
    configmaps = kinds(docs, "ConfigMap")
    config = configmaps[0].get("data", {}) if configmaps else {}
    data_dir = config.get("GATEWAY_DATA_DIR")
    check(f"{name}: GATEWAY_DATA_DIR ({data_dir}) is a mounted emptyDir",
          bool(data_dir) and "emptyDir" in volumes.get(mounts.get(data_dir), {}), f"{mounts}")

    annotations = dig(deployment, "spec", "template", "metadata", "annotations", default={})
    check(f"{name}: pod template carries a checksum/config annotation",
          bool(re.fullmatch(r"[0-9a-f]{64}", str(annotations.get("checksum/config", "")))))
    grace = pod.get("terminationGracePeriodSeconds", 30)
    pre_stop = dig(container, "lifecycle", "preStop", "exec", "command", default=["", "0"])
    pause = int(pre_stop[-1]) if str(pre_stop[-1]).isdigit() else 0
    check(f"{name}: terminationGracePeriodSeconds ({grace}) > preStop pause ({pause}) + 90 s drain", grace > 90 + pause)

    cm_name = configmaps[0]["metadata"]["name"] if configmaps else None
    refs = [dig(e, "configMapRef", "name") for e in container.get("envFrom", [])]
    check(f"{name}: settings come from the rendered ConfigMap via envFrom", cm_name is not None and cm_name in refs, f"{refs}")
    expected = {"SPIRA_API_VERSION", "SPIRA_CONNECT_TIMEOUT", "SPIRA_READ_TIMEOUT", "SPIRA_SAVE_TIMEOUT", "SPIRA_MAX_RUNS_PER_PUT",
                "SPIRA_MAX_CONCURRENT_WRITES_PER_PROJECT", "SPIRA_MAX_CONCURRENT_CALLS", "GATEWAY_MAX_CLOCK_SKEW",
                "GATEWAY_IDEMPOTENCY_TTL", "GATEWAY_DATA_DIR", "SERVER_PORT"}
    check(f"{name}: ConfigMap holds every non-secret setting", expected <= set(config), f"missing {sorted(expected - set(config))}")
    check(f"{name}: ConfigMap holds nothing secret-like", not [k for k in config if SECRET_LIKE.search(k)])
    inlined = [e.get("name") for e in container.get("env", []) if SECRET_LIKE.search(e.get("name", "")) and "value" in e]
    check(f"{name}: no secret-like env var has an inline value", not inlined, f"{inlined}")
    api_key = [e for e in container.get("env", []) if e.get("name") == "SPIRA_API_KEY"]
    check(f"{name}: SPIRA_API_KEY, if set, comes from a secretKeyRef", all(dig(e, "valueFrom", "secretKeyRef", "name") for e in api_key))

    services = kinds(docs, "Service")
    labels = dig(deployment, "spec", "template", "metadata", "labels", default={})
    check(f"{name}: Service targets port http and selects the gateway pods",
          len(services) == 1 and dig(services[0], "spec", "ports", 0, "targetPort") == "http"
          and all(labels.get(k) == v for k, v in dig(services[0], "spec", "selector", default={"": None}).items()))
    tests = [d for d in kinds(docs, "Pod") if dig(d, "metadata", "annotations", "helm.sh/hook") == "test"]
    service_url = f"http://{services[0]['metadata']['name']}:{dig(services[0], 'spec', 'ports', 0, 'port')}/readyz" if services else "?"
    check(f"{name}: helm test pod calls {service_url}", len(tests) == 1 and service_url in json.dumps(tests[0]))
    return deployment, container, config


def secret_ref(container, env_name):
    for e in container.get("env", []):
        if e.get("name") == env_name:
            return dig(e, "valueFrom", "secretKeyRef", "name"), dig(e, "valueFrom", "secretKeyRef", "key")
    return None


def check_renderings(rendered_dir):
    def load(file_name):
        docs = load_docs(os.path.join(rendered_dir, file_name))
        check(f"rendered {file_name} present", docs is not None)
        return docs or []

    default = load("default.yaml")
    result = check_workload("default values", default)
    if result:
        deployment, container, config = result
        check("default values: replicas 1", dig(deployment, "spec", "replicas") == 1)
        check("default values: no Secret, HorizontalPodAutoscaler or PodDisruptionBudget rendered",
              not kinds(default, "Secret") and not kinds(default, "HorizontalPodAutoscaler") and not kinds(default, "PodDisruptionBudget"))
        check("default values: empty spira.url leaves SPIRA_URL unset (the gateway names it at start-up)", "SPIRA_URL" not in config)
        check("default values: demo profile off", "SPRING_PROFILES_ACTIVE" not in config)

    production = load("production.yaml")
    result = check_workload("production values", production)
    if result:
        deployment, container, config = result
        check("production values: no Secret rendered (existingSecret only)", not kinds(production, "Secret"))
        check("production values: SPIRA_API_KEY from secretKeyRef spira-run-gateway-spira/api-key",
              secret_ref(container, "SPIRA_API_KEY") == ("spira-run-gateway-spira", "api-key"), f"{secret_ref(container, 'SPIRA_API_KEY')}")
        password = secret_ref(container, "SPRING_DATASOURCE_PASSWORD")
        check("production values: SPRING_DATASOURCE_PASSWORD from a secretKeyRef", bool(password and all(password)), f"{password}")
        check("production values: SPIRA_URL, SPIRA_USERNAME and datasource URL/user in the ConfigMap",
              all(config.get(k) for k in ("SPIRA_URL", "SPIRA_USERNAME", "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME")))
        hpas = kinds(production, "HorizontalPodAutoscaler")
        check("production values: HorizontalPodAutoscaler rendered for the Deployment",
              len(hpas) == 1 and dig(hpas[0], "spec", "scaleTargetRef", "name") == deployment["metadata"]["name"])
        check("production values: Deployment leaves replicas to the HPA", "replicas" not in deployment["spec"])
        max_pods = int(dig(hpas[0], "spec", "maxReplicas", default=0)) if hpas else 0
        calls = int(config.get("SPIRA_MAX_CONCURRENT_CALLS", "0") or 0)
        check("production values: at most 15 concurrent Spira calls across all pods (Inflectra's 10-15 in all)",
              0 < max_pods * calls <= 15, f"{max_pods} pods x {calls} calls")
        pdbs = kinds(production, "PodDisruptionBudget")
        labels = dig(deployment, "spec", "template", "metadata", "labels", default={})
        check("production values: PodDisruptionBudget rendered for the gateway pods",
              len(pdbs) == 1 and all(labels.get(k) == v for k, v in dig(pdbs[0], "spec", "selector", "matchLabels", default={"": None}).items()))

    inline = load("inline-key.yaml")
    deployment = next(iter(kinds(inline, "Deployment")), None)
    if check("spira.apiKey given: Deployment rendered", deployment is not None):
        container = gateway_container(deployment)
        secrets = kinds(inline, "Secret")
        check("spira.apiKey given: chart renders one Secret for it", len(secrets) == 1)
        if secrets:
            check("spira.apiKey given: SPIRA_API_KEY references that Secret",
                  secret_ref(container, "SPIRA_API_KEY") == (secrets[0]["metadata"]["name"], "api-key"))
        leaks = [d.get("kind") for d in inline if d.get("kind") != "Secret" and INLINE_KEY in json.dumps(d)]
        check("spira.apiKey given: the key appears in no manifest but the Secret", not leaks, f"{leaks}")
        inlined = [e.get("name") for e in container.get("env", []) if "value" in e and SECRET_LIKE.search(e.get("name", ""))]
        check("spira.apiKey given: no secret-like env var has an inline value", not inlined, f"{inlined}")
        check("spira.apiKey given: checksum/secret rolls pods when the key changes",
              "checksum/secret" in dig(deployment, "spec", "template", "metadata", "annotations", default={}))

    both = load("existing-secret-wins.yaml")
    deployment = next(iter(kinds(both, "Deployment")), None)
    if check("spira.existingSecret and spira.apiKey given: Deployment rendered", deployment is not None):
        container = gateway_container(deployment)
        check("spira.existingSecret and spira.apiKey given: no Secret rendered", not kinds(both, "Secret"))
        check("spira.existingSecret and spira.apiKey given: SPIRA_API_KEY references the existing Secret",
              secret_ref(container, "SPIRA_API_KEY") == ("my-spira", "token"))

    demo = load("demo.yaml")
    configmaps = kinds(demo, "ConfigMap")
    check("demo.enabled: ConfigMap sets SPRING_PROFILES_ACTIVE=demo",
          bool(configmaps) and configmaps[0].get("data", {}).get("SPRING_PROFILES_ACTIVE") == "demo")


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    root, rendered_dir = sys.argv[1], sys.argv[2]
    for section in (lambda: check_dockerfile(root), lambda: check_compose(root),
                    lambda: check_values_documented(root), lambda: check_renderings(rendered_dir)):
        try:
            section()
        except Exception as e:  # a broken file is a failed check, not a crash that hides the others
            check("assertions ran without error", False, f"{type(e).__name__}: {e}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
