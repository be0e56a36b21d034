{{- define "gateway.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "gateway.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains (include "gateway.name" .) .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "gateway.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "gateway.selectorLabels" -}}
app.kubernetes.io/name: {{ include "gateway.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "gateway.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "gateway.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "gateway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "gateway.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The ConfigMap holding policy.yaml: this release's own when the policy is given in values. */}}
{{- define "gateway.policyConfigMap" -}}
{{- if .Values.policy.content }}
{{- printf "%s-policy" (include "gateway.fullname" .) }}
{{- else }}
{{- required "policy.content or policy.existingConfigMap must be set: the gateway needs a team policy" .Values.policy.existingConfigMap }}
{{- end }}
{{- end }}

{{/*
Each replica with the embedded H2 database would keep its own audit trail and idempotency keys:
a repeated request could run twice. More than one replica needs the shared PostgreSQL database.
*/}}
{{- define "gateway.validate" -}}
{{- if and (not .Values.database.url) (or (gt (int .Values.replicaCount) 1) .Values.autoscaling.enabled) }}
{{- fail "database.url is empty, so every replica would use its own embedded H2 database and idempotency and the audit trail would not be shared: set database.url to PostgreSQL, or run replicaCount: 1 without autoscaling" }}
{{- end }}
{{- end }}
