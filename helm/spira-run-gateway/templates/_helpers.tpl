{{/*
Expand the name of the chart.
*/}}
{{- define "spira-run-gateway.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name.
We truncate at 63 chars because some Kubernetes name fields are limited to this (by the DNS naming spec).
If release name contains chart name it will be used as a full name.
*/}}
{{- define "spira-run-gateway.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Create chart name and version as used by the chart label.
*/}}
{{- define "spira-run-gateway.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels
*/}}
{{- define "spira-run-gateway.labels" -}}
helm.sh/chart: {{ include "spira-run-gateway.chart" . }}
{{ include "spira-run-gateway.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels
*/}}
{{- define "spira-run-gateway.selectorLabels" -}}
app.kubernetes.io/name: {{ include "spira-run-gateway.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Create the name of the service account to use
*/}}
{{- define "spira-run-gateway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "spira-run-gateway.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Whether the chart renders its own Secret for the Spira API key: only for evaluation, when no
existingSecret is named and a key was given in the values.
*/}}
{{- define "spira-run-gateway.createSecret" -}}
{{- if and (not .Values.spira.existingSecret) .Values.spira.apiKey }}true{{- end }}
{{- end }}

{{/*
Name of the Secret holding the Spira API key; empty when there is none.
*/}}
{{- define "spira-run-gateway.spiraSecretName" -}}
{{- if .Values.spira.existingSecret }}
{{- .Values.spira.existingSecret }}
{{- else if .Values.spira.apiKey }}
{{- include "spira-run-gateway.fullname" . }}
{{- end }}
{{- end }}

{{/*
Key of the API key inside that Secret.
*/}}
{{- define "spira-run-gateway.spiraSecretKey" -}}
{{- if .Values.spira.existingSecret }}
{{- .Values.spira.existingSecretKey }}
{{- else -}}
api-key
{{- end }}
{{- end }}

{{/*
Stop rendering when the settings cannot work: pods keep their local state in an emptyDir, so more
than one replica must share the PostgreSQL store.
*/}}
{{- define "spira-run-gateway.validate" -}}
{{- $replicas := int .Values.replicaCount }}
{{- if or .Values.autoscaling.enabled (gt $replicas 1) }}
{{- if not .Values.datasource.url }}
{{- fail "More than one replica (replicaCount > 1 or autoscaling.enabled) needs the shared PostgreSQL store: set datasource.url, datasource.username and datasource.existingSecret." }}
{{- end }}
{{- end }}
{{- end }}
