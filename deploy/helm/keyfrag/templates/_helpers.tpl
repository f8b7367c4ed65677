{{/*
Names. The base is cut to 40 characters so that "<base>-fm-12c-0" and the StatefulSet
controller's revision label stay within Kubernetes' 63.
*/}}
{{- define "keyfrag.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{- define "keyfrag.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "keyfrag.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of one component: (dict "ctx" $ "component" "gateway") */}}
{{- define "keyfrag.labels" -}}
helm.sh/chart: {{ include "keyfrag.chart" .ctx }}
{{ include "keyfrag.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
app.kubernetes.io/part-of: keyfrag
{{- end -}}

{{- define "keyfrag.selectorLabels" -}}
app.kubernetes.io/name: {{ include "keyfrag.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Every pod of this release (NetworkPolicy peers). */}}
{{- define "keyfrag.releaseSelector" -}}
app.kubernetes.io/name: {{ include "keyfrag.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "keyfrag.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "keyfrag.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "keyfrag.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* KF_CLUSTER */}}
{{- define "keyfrag.clusterName" -}}
{{- default .Release.Name .Values.clusterName -}}
{{- end -}}

{{/* KF_REDIS_PREFIX of one service: (dict "ctx" $ "service" "gateway") */}}
{{- define "keyfrag.redisPrefix" -}}
{{- printf "%s:%s" (default (include "keyfrag.clusterName" .ctx) .ctx.Values.redis.prefix) .service -}}
{{- end -}}

{{/* The cluster DNS name of Service `name`: (dict "ctx" $ "name" "keyfrag-auth") */}}
{{- define "keyfrag.fqdn" -}}
{{- printf "%s.%s.svc.%s" .name .ctx.Release.Namespace .ctx.Values.clusterDomain -}}
{{- end -}}

{{/* host:port of a component's Service: (dict "ctx" $ "component" "auth" "port" 50061) */}}
{{- define "keyfrag.address" -}}
{{- $name := printf "%s-%s" (include "keyfrag.fullname" .ctx) .component -}}
{{- printf "%s:%d" (include "keyfrag.fqdn" (dict "ctx" .ctx "name" $name)) (int .port) -}}
{{- end -}}

{{/* Every coordinator replica (per-pod DNS names of its headless Service), comma-separated. */}}
{{- define "keyfrag.coordinatorAddresses" -}}
{{- $name := printf "%s-coordinator" (include "keyfrag.fullname" .) -}}
{{- $addresses := list -}}
{{- range $i := until (int .Values.coordinator.replicas) -}}
{{- $host := include "keyfrag.fqdn" (dict "ctx" $ "name" (printf "%s-%d.%s" $name $i $name)) -}}
{{- $addresses = append $addresses (printf "%s:%d" $host (int $.Values.ports.coordinator)) -}}
{{- end -}}
{{- join "," $addresses -}}
{{- end -}}

{{/* The letter of placement i: fm-1a, fm-1b, … */}}
{{- define "keyfrag.placementLetter" -}}
{{- index (list "a" "b" "c" "d" "e" "f" "g" "h" "i" "j" "k" "l" "m" "n" "o" "p" "q" "r" "s" "t" "u" "v" "w" "x" "y" "z") (int .) -}}
{{- end -}}

{{/*
The cluster CA. Exactly one source: an existing Secret, cert-manager (explicitly, or "auto"
when its API is installed), or the chart's own generated CA.
*/}}
{{- define "keyfrag.caSource" -}}
{{- $cm := .Values.tls.certManager.enabled | toString -}}
{{- if .Values.tls.existingCaSecret -}}
existing
{{- else if or (eq $cm "true") (and (eq $cm "auto") (.Capabilities.APIVersions.Has "cert-manager.io/v1")) -}}
cert-manager
{{- else -}}
generated
{{- end -}}
{{- end -}}

{{- define "keyfrag.caSecretName" -}}
{{- if .Values.tls.existingCaSecret -}}
{{- .Values.tls.existingCaSecret -}}
{{- else -}}
{{- printf "%s-ca" (include "keyfrag.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "keyfrag.auditKeySecretName" -}}
{{- default (printf "%s-audit-key" (include "keyfrag.fullname" .)) .Values.auditKey.existingSecret -}}
{{- end -}}

{{/* The Secret of the services' NATS passwords: one key per service, and users.conf. */}}
{{- define "keyfrag.natsAuthSecretName" -}}
{{- if .Values.remoteBackend.enabled -}}
{{- .Values.remoteBackend.natsPasswordSecret -}}
{{- else -}}
{{- default (printf "%s-nats-auth" (include "keyfrag.fullname" .)) .Values.nats.auth.existingSecret -}}
{{- end -}}
{{- end -}}
{{- define "keyfrag.natsDir" -}}/etc/keyfrag/nats{{- end -}}

{{/*
Paths inside the containers. tlsDir holds the pod's own Secret (made by the PKI Job): ca.pem,
tls.pem, tls-key.pem, and a fragment node's identity.key and node.key (a gateway's customer
fragment's: customer.pem, customer-key.pem, customer-identity.key, customer-node.key).
*/}}
{{- define "keyfrag.tlsDir" -}}/var/run/keyfrag/tls{{- end -}}
{{- define "keyfrag.caFile" -}}/var/run/keyfrag/tls/ca.pem{{- end -}}
{{- /* The slot-peers ConfigMap: slot-<n>.peers, the identity keys a slot's fragments go to. */}}
{{- define "keyfrag.peersDir" -}}/etc/keyfrag/peers{{- end -}}
{{- define "keyfrag.peersConfigMap" -}}{{ include "keyfrag.fullname" . }}-slot-peers{{- end -}}
{{- define "keyfrag.auditKeyFile" -}}/etc/keyfrag/audit/audit.key{{- end -}}
{{- define "keyfrag.dataDir" -}}/var/lib/keyfrag{{- end -}}
{{- define "keyfrag.bootstrapDir" -}}/var/lib/keyfrag/bootstrap{{- end -}}
{{- define "keyfrag.entrypoint" -}}/app/libs/container/dist/main.js{{- end -}}

{{/* KF_REDIS_URL / KF_NATS_URL: the value, or a reference to the Secret holding it. */}}
{{- define "keyfrag.env.redisUrl" -}}
- name: KF_REDIS_URL
{{- if .Values.redis.existingSecret }}
  valueFrom:
    secretKeyRef:
      name: {{ .Values.redis.existingSecret }}
      key: {{ .Values.redis.existingSecretKey }}
{{- else }}
  value: {{ required "redis.url (or redis.existingSecret) is required: keyfrag keeps its control-plane state in Redis; see the chart's README, \"Redis and NATS\"" .Values.redis.url | quote }}
{{- end }}
{{- end -}}

{{- define "keyfrag.env.natsUrl" -}}
- name: KF_NATS_URL
{{- if .Values.nats.existingSecret }}
  valueFrom:
    secretKeyRef:
      name: {{ .Values.nats.existingSecret }}
      key: {{ .Values.nats.existingSecretKey }}
{{- else }}
  value: {{ required "nats.url (or nats.existingSecret) is required: keyfrag's audit stream, events and heartbeats go through NATS JetStream; see the chart's README, \"Redis and NATS\"" .Values.nats.url | quote }}
{{- end }}
{{- end -}}

{{/*
The variables every process has: NATS, cluster, log level and its certificate (in its own
Secret, mounted at tlsDir; default keyfrag.tlsDir).
(dict "ctx" $ "tlsDir" "/var/run/keyfrag/tls/$(KF_NODE_ID)")
*/}}
{{- define "keyfrag.env.common" -}}
{{- $dir := default (include "keyfrag.tlsDir" .ctx) .tlsDir }}
{{ include "keyfrag.env.natsUrl" .ctx }}
- name: KF_NATS_USER
  valueFrom:
    fieldRef:
      fieldPath: metadata.labels['app.kubernetes.io/component']
- name: KF_NATS_PASSWORD_FILE
  value: {{ printf "%s/password" (include "keyfrag.natsDir" .ctx) | quote }}
- name: KF_CLUSTER
  value: {{ include "keyfrag.clusterName" .ctx | quote }}
- name: KF_LOG_LEVEL
  value: {{ .ctx.Values.logLevel | quote }}
- name: KF_TLS_CA
  value: {{ printf "%s/ca.pem" $dir | quote }}
- name: KF_TLS_CERT
  value: {{ printf "%s/tls.pem" $dir | quote }}
- name: KF_TLS_KEY
  value: {{ printf "%s/tls-key.pem" $dir | quote }}
{{- end -}}

{{/*
A control-plane service's variables (serviceEnv): node id = pod name, listen address, Redis.
(dict "ctx" $ "service" "policy" "port" 50062 "tlsDir" "…")
*/}}
{{- define "keyfrag.env.control" -}}
- name: KF_NODE_ID
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
{{ include "keyfrag.env.common" (dict "ctx" .ctx "tlsDir" .tlsDir) }}
- name: KF_LISTEN
  value: {{ printf "0.0.0.0:%d" (int .port) | quote }}
{{ include "keyfrag.env.redisUrl" .ctx }}
- name: KF_REDIS_PREFIX
  value: {{ include "keyfrag.redisPrefix" (dict "ctx" .ctx "service" .service) | quote }}
{{- end -}}

{{- define "keyfrag.env.auditKey" -}}
- name: KF_AUDIT_KEY_FILE
  value: {{ include "keyfrag.auditKeyFile" . | quote }}
{{- end -}}

{{/* The Secret the PKI Job makes for node `name` (dict "ctx" $ "name" "fm-1a"). */}}
{{- define "keyfrag.nodeSecretName" -}}
{{- printf "%s-%s-tls" (include "keyfrag.fullname" .ctx) .name -}}
{{- end -}}

{{/* Every form a client may dial each of `services` at, comma-separated. */}}
{{- define "keyfrag.serviceHosts" -}}
{{- $ns := .ctx.Release.Namespace -}}
{{- $hosts := list -}}
{{- range $service := .services -}}
{{- $hosts = concat $hosts (list $service (printf "%s.%s" $service $ns) (printf "%s.%s.svc" $service $ns) (include "keyfrag.fqdn" (dict "ctx" $.ctx "name" $service))) -}}
{{- end -}}
{{- join "," $hosts -}}
{{- end -}}

{{/*
What the PKI Job makes (JSON, libs/container/src/issue-secrets.ts): a Secret per node with its
certificate for the names it is dialled at and, for a fragment node, its identity and node
keys; one per component whose replicas share a role (coordinator, auth, policy, audit,
secrets, producers), one per gateway replica when it holds a customer fragment.
*/}}
{{- define "keyfrag.pkiPlan" -}}
{{- $fullname := include "keyfrag.fullname" . -}}
{{- $fm := .Values.fragmentManagers -}}
{{- $entries := list -}}
{{- range $s := until (int $fm.slots) -}}
{{- $slot := add1 $s -}}
{{- range $i, $place := $fm.placements -}}
{{- $node := printf "fm-%d%s" $slot (include "keyfrag.placementLetter" $i) -}}
{{- $service := printf "%s-%s" $fullname $node -}}
{{- $hosts := append (splitList "," (include "keyfrag.serviceHosts" (dict "ctx" $ "services" (list $service)))) (include "keyfrag.fqdn" (dict "ctx" $ "name" (printf "%s-0.%s" $service $service))) -}}
{{- $entries = append $entries (dict "secret" (include "keyfrag.nodeSecretName" (dict "ctx" $ "name" $node)) "name" $node "role" "fragment-manager" "hosts" $hosts "slot" $slot) -}}
{{- end -}}
{{- end -}}
{{- $coordinator := printf "%s-coordinator" $fullname -}}
{{- $hosts := splitList "," (include "keyfrag.serviceHosts" (dict "ctx" . "services" (list $coordinator))) -}}
{{- range $i := until (int .Values.coordinator.replicas) -}}
{{- $hosts = append $hosts (include "keyfrag.fqdn" (dict "ctx" $ "name" (printf "%s-%d.%s" $coordinator $i $coordinator))) -}}
{{- end -}}
{{- $entries = append $entries (dict "secret" (include "keyfrag.nodeSecretName" (dict "ctx" . "name" "coordinator")) "name" $coordinator "role" "coordinator" "hosts" $hosts) -}}
{{- range $component := list "auth" "policy" "audit" "secrets" "producers" -}}
{{- $name := printf "%s-%s" $fullname $component -}}
{{- $entries = append $entries (dict "secret" (include "keyfrag.nodeSecretName" (dict "ctx" $ "name" $component)) "name" $name "role" $component "hosts" (splitList "," (include "keyfrag.serviceHosts" (dict "ctx" $ "services" (list $name))))) -}}
{{- end -}}
{{- $gateway := printf "%s-gateway" $fullname -}}
{{- $gatewayHosts := concat (splitList "," (include "keyfrag.serviceHosts" (dict "ctx" . "services" (list $gateway (printf "%s-internal" $gateway))))) .Values.tls.gatewayHosts -}}
{{- $customer := .Values.gateway.customerFragment -}}
{{- if $customer.enabled -}}
{{- range $i := until (int $.Values.gateway.replicas) -}}
{{- $pod := printf "%s-%d" $gateway $i -}}
{{- $podHost := include "keyfrag.fqdn" (dict "ctx" $ "name" (printf "%s.%s-nodes" $pod $gateway)) -}}
{{- $entries = append $entries (dict "secret" (include "keyfrag.nodeSecretName" (dict "ctx" $ "name" (printf "gateway-%d" $i))) "name" $pod "role" "gateway" "hosts" (append $gatewayHosts $podHost) "customer" (dict "name" (printf "%s-customer" $pod) "slot" (int $customer.slot) "hosts" (list $podHost))) -}}
{{- end -}}
{{- else -}}
{{- $entries = append $entries (dict "secret" (include "keyfrag.nodeSecretName" (dict "ctx" . "name" "gateway")) "name" $gateway "role" "gateway" "hosts" $gatewayHosts) -}}
{{- end -}}
{{- toJson (dict "labels" (fromYaml (include "keyfrag.labels" (dict "ctx" . "component" "pki"))) "peersConfigMap" (include "keyfrag.peersConfigMap" .) "secrets" $entries) -}}
{{- end -}}

{{/*
Volumes every pod has: its own Secret (`node`: the name given to keyfrag.nodeSecretName; or
`nodes`, a list of them, each projected under its pod name, for a StatefulSet whose replicas
each have one), the slot-peers ConfigMap with "peers" true, the audit key with "auditKey" true;
with "backendCa" true (remoteBackend) ca.pem comes from the backend-ca ConfigMap instead.
Never the CA's Secret: only the PKI Job mounts it.
(dict "ctx" $ "node" "policy" "auditKey" true)
*/}}
{{- define "keyfrag.volumes" -}}
{{- /* Modes in decimal: 288 = 0440. */ -}}
- name: tls
{{- if .nodes }}
  projected:
    defaultMode: 288
    sources:
      {{- range $pod, $node := .nodes }}
      - secret:
          name: {{ include "keyfrag.nodeSecretName" (dict "ctx" $.ctx "name" $node) }}
          items:
            {{- range $key := list "ca.pem" "tls.pem" "tls-key.pem" "customer.pem" "customer-key.pem" "customer-identity.key" "customer-node.key" }}
            {{- if not (and $.backendCa (eq $key "ca.pem")) }}
            - key: {{ $key }}
              path: {{ printf "%s/%s" $pod $key }}
            {{- end }}
            {{- end }}
      {{- if $.backendCa }}
      - configMap:
          name: {{ include "keyfrag.fullname" $.ctx }}-backend-ca
          items:
            - key: ca.pem
              path: {{ printf "%s/ca.pem" $pod }}
      {{- end }}
      {{- end }}
{{- else if .backendCa }}
  projected:
    defaultMode: 288
    sources:
      - secret:
          name: {{ include "keyfrag.nodeSecretName" (dict "ctx" .ctx "name" .node) }}
          items:
            - key: tls.pem
              path: tls.pem
            - key: tls-key.pem
              path: tls-key.pem
      - configMap:
          name: {{ include "keyfrag.fullname" .ctx }}-backend-ca
          items:
            - key: ca.pem
              path: ca.pem
{{- else }}
  secret:
    secretName: {{ include "keyfrag.nodeSecretName" (dict "ctx" .ctx "name" .node) }}
    defaultMode: 288
{{- end }}
{{- if .peers }}
- name: peers
  configMap:
    name: {{ include "keyfrag.peersConfigMap" .ctx }}
{{- end }}
- name: tmp
  emptyDir:
    sizeLimit: 64Mi
{{- if .nats }}
- name: nats
  secret:
    secretName: {{ include "keyfrag.natsAuthSecretName" .ctx }}
    defaultMode: 288
    items:
      - key: {{ .nats }}
        path: password
{{- end }}
{{- if .auditKey }}
- name: audit-key
  secret:
    secretName: {{ include "keyfrag.auditKeySecretName" .ctx }}
    defaultMode: 288
    items:
      - key: audit.key
        path: audit.key
{{- end }}
{{- end -}}

{{/*
The main container's mounts of those volumes: its own Secret (the CA certificate comes with
its certificate there), the slot peers with "peers" true.
*/}}
{{- define "keyfrag.volumeMounts" -}}
- name: tls
  mountPath: {{ include "keyfrag.tlsDir" .ctx }}
  readOnly: true
{{- if .peers }}
- name: peers
  mountPath: {{ include "keyfrag.peersDir" .ctx }}
  readOnly: true
{{- end }}
- name: tmp
  mountPath: /tmp
{{- if .nats }}
- name: nats
  mountPath: {{ include "keyfrag.natsDir" .ctx }}
  readOnly: true
{{- end }}
{{- if .auditKey }}
- name: audit-key
  mountPath: /etc/keyfrag/audit
  readOnly: true
{{- end }}
{{- end -}}

{{/* Liveness and readiness: the image's `healthcheck` (gRPC health over mTLS). */}}
{{- define "keyfrag.probes" -}}
livenessProbe:
  exec:
    command: ["node", {{ include "keyfrag.entrypoint" . | quote }}, "healthcheck"]
  {{- toYaml .Values.probes.liveness | nindent 2 }}
readinessProbe:
  exec:
    command: ["node", {{ include "keyfrag.entrypoint" . | quote }}, "healthcheck"]
  {{- toYaml .Values.probes.readiness | nindent 2 }}
{{- end -}}

{{/* Pod-level settings shared by every workload. */}}
{{- define "keyfrag.podSpec" -}}
serviceAccountName: {{ include "keyfrag.serviceAccountName" . }}
automountServiceAccountToken: false
enableServiceLinks: false
terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Best-effort spread of a component's replicas over zones, then nodes. */}}
{{- define "keyfrag.topologySpread" -}}
{{- if .ctx.Values.topologySpread.enabled -}}
topologySpreadConstraints:
  {{- range $key := list .ctx.Values.fragmentManagers.placementLabels.zone "kubernetes.io/hostname" }}
  - maxSkew: {{ $.ctx.Values.topologySpread.maxSkew }}
    topologyKey: {{ $key }}
    whenUnsatisfiable: {{ $.ctx.Values.topologySpread.whenUnsatisfiable }}
    labelSelector:
      matchLabels:
        {{- include "keyfrag.selectorLabels" $ | nindent 8 }}
  {{- end }}
{{- end }}
{{- end -}}

{{/* A minAvailable-1 PodDisruptionBudget for a component with more than one replica. */}}
{{- define "keyfrag.pdb" -}}
{{- if and .ctx.Values.podDisruptionBudget.enabled (gt (int .replicas) 1) }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "keyfrag.fullname" .ctx }}-{{ .component }}
  labels:
    {{- include "keyfrag.labels" . | nindent 4 }}
spec:
  minAvailable: 1
  selector:
    matchLabels:
      {{- include "keyfrag.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}

{{/* A ClusterIP Service for a component's gRPC port. */}}
{{- define "keyfrag.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "keyfrag.fullname" .ctx }}-{{ .component }}
  labels:
    {{- include "keyfrag.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "keyfrag.selectorLabels" . | nindent 4 }}
  ports:
    - name: grpc
      port: {{ int .port }}
      targetPort: grpc
      protocol: TCP
      appProtocol: grpc
{{- end -}}

{{/*
A stateless control-plane service: a Deployment with the serviceEnv variables, `env` (extra
env entries, YAML) and `ports` (extra container ports, YAML).
(dict "ctx" $ "component" "policy" "port" 50062 "values" .Values.policy "auditKey" false
      "env" "" "ports" "")
*/}}
{{- define "keyfrag.deployment" -}}
{{- $ctx := .ctx }}
{{- $name := printf "%s-%s" (include "keyfrag.fullname" $ctx) .component }}
{{- $component := dict "ctx" $ctx "component" .component }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "keyfrag.labels" $component | nindent 4 }}
spec:
  replicas: {{ int .values.replicas }}
  selector:
    matchLabels:
      {{- include "keyfrag.selectorLabels" $component | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "keyfrag.labels" $component | nindent 8 }}
      {{- with $ctx.Values.podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      {{- include "keyfrag.podSpec" $ctx | nindent 6 }}
      {{- include "keyfrag.topologySpread" $component | nindent 6 }}
      containers:
        - name: {{ .component }}
          image: {{ include "keyfrag.image" $ctx }}
          imagePullPolicy: {{ $ctx.Values.image.pullPolicy }}
          args: [{{ .component | quote }}]
          ports:
            - name: grpc
              containerPort: {{ int .port }}
              protocol: TCP
            {{- with .ports }}
            {{- . | nindent 12 }}
            {{- end }}
          env:
            {{- include "keyfrag.env.control" (dict "ctx" $ctx "service" .component "port" .port) | nindent 12 }}
            {{- if .auditKey }}
            {{- include "keyfrag.env.auditKey" $ctx | nindent 12 }}
            {{- end }}
            {{- with .env }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- with .values.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- include "keyfrag.probes" $ctx | nindent 10 }}
          resources:
            {{- toYaml .values.resources | nindent 12 }}
          securityContext:
            {{- toYaml $ctx.Values.securityContext | nindent 12 }}
          volumeMounts:
            {{- include "keyfrag.volumeMounts" (dict "ctx" $ctx "auditKey" .auditKey "nats" .component) | nindent 12 }}
      volumes:
        {{- include "keyfrag.volumes" (dict "ctx" $ctx "node" .component "auditKey" .auditKey "nats" .component) | nindent 8 }}
---
{{ include "keyfrag.service" (dict "ctx" $ctx "component" .component "port" .port) }}
{{- include "keyfrag.pdb" (dict "ctx" $ctx "component" .component "replicas" .values.replicas) }}
{{- end -}}

{{/* The producers' own variables: the gateways that seal and sign for it, its JWKS listener. */}}
{{- define "keyfrag.env.producers" -}}
- name: KF_GATEWAY_ADDRESSES
  value: {{ include "keyfrag.address" (dict "ctx" . "component" "gateway-internal" "port" .Values.ports.gatewayInternal) | quote }}
- name: KF_HTTP_LISTEN
  value: {{ printf "0.0.0.0:%d" (int .Values.ports.producersHttp) | quote }}
{{- end -}}

{{- define "keyfrag.ports.producers" -}}
- name: http
  containerPort: {{ int .Values.ports.producersHttp }}
  protocol: TCP
{{- end -}}
