"""Default values of every `settings` key: thresholds and word lists the rules use.

Every key is documented in SETTINGS_HELP, and the README's settings table is
generated from it (`settings_table()`; a test checks the README is in sync). Config
`settings:` overrides keys one by one; an unknown key is a configuration error, so a
typo never silently falls back to a default.
"""

from __future__ import annotations

import json
import re
from typing import Any

DEFAULT_SETTINGS: dict[str, Any] = {
    # -- documents -------------------------------------------------------------------
    "max_file_bytes": 5 * 1024 * 1024,
    "time_budget_seconds": 5,
    "severity_levels": ["SEV1", "SEV2", "SEV3", "SEV4"],
    "major_severities": ["SEV1", "SEV2"],
    "severity_aliases": {"critical": "SEV1", "high": "SEV2", "major": "SEV2", "medium": "SEV3",
                         "minor": "SEV4", "low": "SEV4"},
    "strict": False,
    "section_aliases": {},
    "required_sections": ["summary", "timeline", "root_causes"],
    "template_placeholders": [
        r"\bISSUE NAME\b", r"\bYYYY-MM-DD", r"\bYYYY/MM/DD\b", r"\bHH:MM(?::SS)?\b", r"\bTBD\b", r"\bTBC\b",
        r"\bXXX+\b", r"\[(?:name|owner|date|title|link|ticket|team|service|description)\]",
        r"<(?:name|owner|date|title|link|ticket|team|service|insert[^>]*)>", r"\{\{[^}]*\}\}",
        r"\blorem ipsum\b", r"\bINSERT [A-Z ]+ HERE\b",
    ],
    "template_prompts": [
        "list the sequence of events that led to the incident",
        "describe how internal and external users were impacted",
        "report when the team detected the incident",
        "who responded to the incident, and what obstacles did they encounter",
        "how was the incident resolved",
        "run a 5-whys analysis",
        "note the final root cause and describe what needs to change",
        "what did we learn from this incident",
        "list any tasks we've created as a result of this incident",
        "brief description of what happened",
        "explain what happened",
    ],
    "date_tolerance_days": 1,
    # -- root cause ------------------------------------------------------------------
    "analysed_layers": ["code", "infrastructure", "architecture"],
    "layer_analysis_min_words": 3,
    "human_error_phrases": [
        "human error", "operator error", "user error", "engineer error", "human mistake", "manual error",
        "mistake", "mistakes", "mistakenly", "fat-finger", "fat-fingered", "fat finger", "pilot error",
    ],
    "min_why_depth": 3,
    "why_depth_severities": ["SEV1"],
    "layer_keywords": {
        "code": [
            "bug", "bugs", "regression", "null", "nil", "off-by-one", "exception", "exceptions", "crash loop",
            "crashloop", "panic", "query", "queries", "race condition", "deadlock", "memory leak", "library",
            "dependency upgrade", "sdk", "commit", "code", "function", "parser", "parsing", "typo", "refactor",
            "unit test", "test", "tests", "untested", "logic", "version", "release", "image", "wrapper", "api change",
        ],
        "infrastructure": [
            "node", "nodes", "disk", "disks", "memory", "oom", "cpu", "quota", "network", "dns", "certificate",
            "load balancer", "subnet", "ip exhaustion", "capacity", "storage", "volume", "host", "hosts",
            "cluster", "region", "zone", "availability zone", "vm", "instance", "kernel", "database", "replication",
            "backup", "backups", "token", "tokens", "credentials", "secret", "secrets", "ci", "jenkins", "runner",
            "runners", "kubernetes", "pod", "pods", "limits", "inotify", "tls", "ingress", "cloud provider",
            "configuration management", "terraform", "data center", "datacenter", "connectivity",
        ],
        "architecture": [
            "single point of failure", "spof", "coupling", "coupled", "tightly coupled", "monolith",
            "retry storm", "retry amplification", "thundering herd", "circuit breaker", "backoff", "failover",
            "redundancy", "blast radius", "shared fate", "cascading", "cascade", "dependency", "fan-out",
            "synchronous call", "multi-region", "idempotent",
        ],
        "process": ["review", "reviews", "approval", "runbook", "handoff", "ownership", "on-call rota", "rollout policy",
                    "communication", "training", "access management", "permissions", "procedure", "checklist",
                    "coverage", "staffing", "deploy process", "deployment process", "manual", "manually", "policy"],
    },
    "unknown_cause_phrases": [
        "cause is unknown", "cause was unknown", "cause remains unknown", "cause is still unknown",
        "cause is not known", "cause unknown", "unknown cause", "unknown root cause", "unknown reason",
        "unknown reasons", "reason is unknown", "reason is unclear", "cause is unclear", "cause is still unclear",
        "cause remains unclear", "cause is undetermined", "still unknown", "remains unknown", "still unclear",
        "remains unclear", "unclear why", "not clear why", "not yet clear", "not yet known", "not yet understood",
        "not fully understood", "not well understood", "not understood", "not yet identified",
        "not been identified", "haven't identified", "haven’t identified", "have not identified",
        "haven't yet identified",
        "not yet determined", "not been determined", "undetermined", "still investigating",
        "under investigation", "being investigated", "we don't know why", "we don’t know why",
        "we do not know why", "we don't yet know", "we do not yet know", "we don't know what", "we do not know what",
        "could not determine", "could not find the root cause", "did not figure out", "no root cause was found",
        "root cause not found", "to be determined",
    ],
    "investigate_words": [
        "investigate", "diagnose", "reproduce", "root-cause", "instrument", "instrumentation", "tracing",
        "trace", "traces", "logging", "logs", "metrics", "observability", "profile", "profiling",
        "capture", "dump",
    ],
    # -- on-call ---------------------------------------------------------------------
    "night_start": "22:00",
    "night_end": "07:00",
    "night_timezone": "",
    # a night-time timeline entry counts as on-call burden when responders did something ...
    "night_responder_patterns": [
        r"\b(?:we|our|us|i|team|engineers?|on-?call(?:er)?s?|responders?|devops|sre|ops|admins?|maintainers?|staff)\b",
        r"@\w", r"\b(?:paged|page[sd]?|woken|woke|wakes?)\b",
        r"\b(?:restart|revert|deploy|merg|fix|patch|mitigat|escalat|join|declar|drain|cordon|reboot|recycl|delet|"
        r"kill|disabl|enabl|push|replac|migrat|investigat|rollback|roll(?:ed|s|ing)? back|scal(?:e|ed|es|ing)\b|"
        r"appl(?:y|ied|ies)|conduct|acknowledg|identif|confirm|announc|manual|test(?:ed|ing|s)?\b|start(?:ed|s)? (?:work|to)|"
        r"beg[ai]n (?:work|to|the|conversations?)|chang(?:ed|es|ing)|revok|rotat|block|ban)\w*",
    ],
    # ... and not when the entry is someone outside reporting, or a system event
    "night_outside_patterns": [
        r"\b(?:customers?|users?|clients?|players?|community|researchers?|third[- ]part(?:y|ies))\b",
        r"\breported\b", r"\b(?:issue|ticket|bug|report)\s+(?:was\s+|is\s+)?(?:submitted|opened|filed)\b",
    ],
    "paging_reduction_words": [
        "alert", "alerts", "alerting", "page", "pages", "paging", "pager", "threshold", "thresholds",
        "auto-remediate", "auto-remediation", "automatic", "automatically", "automate", "automated",
        "automation", "self-heal", "self-healing", "runbook", "routing", "route", "business hours",
        "noise", "noisy", "deduplicate", "on-call", "escalation policy",
    ],
    "load_sharing_words": [
        "rota", "rotation", "on-call", "oncall", "second responder", "secondary", "backup responder", "escalation",
        "runbook", "playbook", "automate", "automated", "automatic", "automatically", "automation", "volunteer",
        "volunteers", "hire", "hiring", "staffing", "handover", "hand over", "train more", "another maintainer",
    ],
    "manual_step_words": [
        "manually", "by hand", "manual", "restarted", "rebooted", "ssh", "sshed", "kubectl", "ran a script",
        "ran the script", "hotfix", "hot-fixed", "clicked", "console", "psql", "deleted the", "edited the",
    ],
    # -- action items ----------------------------------------------------------------
    "closed_statuses": ["done", "wont-do"],
    "durable_action_types": ["prevent", "mitigate"],
    "band_aid_verbs": [
        "restart", "restarted", "roll back", "rolled back", "rollback", "revert", "reverted", "re-run", "rerun",
        "redeploy", "redeployed", "reboot", "rebooted", "clean up", "cleaned up", "clear", "cleared", "bump",
        "bumped", "increase", "increased", "raise", "raised", "upgrade", "upgraded", "delete", "deleted",
        "purge", "purged", "kill", "killed", "scale up", "scaled up", "retry", "replay", "reprocess",
        "restore", "restored", "refund", "flush", "patch", "patched", "hotfix",
    ],
    "vague_verbs": [
        "investigate", "look into", "consider", "improve", "monitor", "review", "discuss", "explore",
        "think about", "evaluate", "revisit", "assess", "continue to", "keep", "try to", "be more",
        "figure out", "find a way", "find ways", "find out", "look at ways", "look for ways", "reviewing",
        "investigating", "exploring", "considering", "evaluating", "discussing", "looking into",
        "take a more", "be more proactive",
    ],
    "measurable_patterns": [
        r"\d", r"\bso that\b", r"\buntil\b", r"\bsuch that\b", r"\bat (?:most|least)\b", r"\bwithin\b",
        r"\bunder\b", r"\bbelow\b", r"\babove\b", r"\bno more than\b", r"\bzero\b", r"\bevery\b", r"%",
        r"\bdecide\b", r"\bdecision\b", r"\bwrite up\b", r"\bpropos",
    ],
    "people_fix_phrases": [
        "train", "training", "retrain", "remind", "reminder", "be careful", "more careful", "double-check",
        "double check", "educate", "teach", "pay more attention", "pay attention", "be more vigilant",
        "be aware", "raise awareness", "tell the team", "tell engineers", "re-iterate", "reiterate",
        "requested all", "request all", "asked all", "ask all", "ask everyone", "asked everyone",
    ],
    "system_change_words": [
        "automate", "automated", "automatic", "automatically", "enforce", "enforced", "lint", "linter",
        "presubmit", "pre-commit", "guard rail", "guardrail", "guardrails", "block", "blocks", "validation",
        "validate", "tooling", "ci check", "ci gate", "policy check", "test", "tests",
    ],
    # an item that improves detection: a signal (alert, monitoring, probe), or a check that
    # runs against the live system and tells someone (a periodic job that pages on-call, an
    # uptime or health check, a test/check "to ensure X is working", scanning)
    "detect_words": [
        "alert", "alerts", "alerting", "alarm", "alarms", "monitor", "monitors", "monitoring", "probe", "probes",
        "synthetic", "slo", "slos", "dashboard", "dashboards", "canary", "canaries", "health check", "health checks",
        "healthcheck", "healthchecks", "uptime", "anomaly detection", "page on", "pages on-call", "page on-call",
        "pages the on-call", "page the on-call", "paging the on-call", "paging on-call", "notify on-call",
        "notifies on-call", "notify the on-call", "notifies the on-call", "periodic job", "periodic check",
        "periodic checks", "scheduled check", "check to ensure", "checks to ensure", "check to verify",
        "test to ensure", "tests to ensure", "check that verifies", "test that verifies", "log-based alert",
        "scanning", "scanner", "detect", "detection",
    ],
    "address_min_shared_words": 2,
    "no_action_min_words": 5,
    "repeat_required_layer": "architecture",
    # -- detection -------------------------------------------------------------------
    "human_detection_methods": ["customer", "employee"],
    "max_time_to_detect_minutes": {"SEV1": 15, "SEV2": 30, "SEV3": 60, "SEV4": 240},
    "max_time_to_mitigate_minutes": {"SEV1": 60, "SEV2": 120, "SEV3": 240, "SEV4": 480},
    # -- timeline --------------------------------------------------------------------
    "required_milestones": ["started", "detected", "mitigated", "resolved"],
    "duration_tolerance_minutes": 15,
    # -- language --------------------------------------------------------------------
    "blame_phrases": [
        "should have", "shouldn't have", "should not have", "failed to", "forgot to", "careless",
        "carelessly", "negligent", "negligence", "incompetent", "human error", "operator error",
        "blame", "blamed", "fault of", "his fault", "her fault", "their fault", "didn't bother", "sloppy",
        "neglected to",
    ],
    "blame_person_phrases": ["failed to", "forgot to", "neglected to", "should have", "shouldn't have",
                             "should not have"],
    "blame_participle_phrases": ["should have", "shouldn't have", "should not have"],
    "person_roles": [
        "engineer", "operator", "developer", "dev", "on-call", "oncall", "on-caller", "sre", "admin",
        "administrator", "member", "responder", "reviewer", "approver", "maintainer", "contributor", "author",
        "owner", "person", "people", "someone", "somebody", "staff", "employee", "human", "manager", "lead",
        "commander", "ic", "team", "squad", "crew", "support", "ops", "everyone", "everybody", "colleague",
        "coworker", "co-worker", "intern", "contractor", "dba", "oncaller",
    ],
    "known_systems": [
        # systems, tools and services, never people
        "Kubernetes", "K8s", "Kubelet", "Terraform", "Prometheus", "Alertmanager", "Grafana", "Loki", "Postgres",
        "PostgreSQL", "MySQL", "MariaDB", "Redis", "Memcached", "Kafka", "Nginx", "HAProxy", "GitHub", "GitLab",
        "Bitbucket", "Jenkins", "Argo", "ArgoCD", "Flux", "Helm", "Docker", "Podman", "AWS", "GCP", "GKE", "EKS",
        "AKS", "Azure", "Google", "Amazon", "Microsoft", "Linode", "DigitalOcean", "Cloudflare", "Vault",
        "Consul", "Nomad", "Elasticsearch", "OpenSearch", "Kibana", "Logstash", "Datadog", "PagerDuty",
        "Opsgenie", "Slack", "Sentry", "Ansible", "Puppet", "Chef", "Salt", "Istio", "Envoy", "Linkerd",
        "Celery", "RabbitMQ", "ZooKeeper", "Zookeeper", "etcd", "MongoDB", "Mongo", "Airflow", "Spark",
        "Hadoop", "Cassandra", "ScyllaDB", "CockroachDB", "DynamoDB", "BigQuery", "Snowflake", "Fastly",
        "Akamai", "Heroku", "Vercel", "Netlify", "Stripe", "Twilio", "Okta", "Auth0", "Jira", "Confluence",
        "CircleCI", "TravisCI", "Buildkite", "Spinnaker", "Bazel", "Gradle", "Maven", "Npm", "Yarn", "Pip",
        "Python", "Java", "Node.js", "Nodejs", "Rails", "Django", "Flask", "Linux", "Ubuntu", "Debian",
        "Windows", "Chrome", "Firefox", "Safari", "Varnish", "Traefik", "Calico", "Cilium", "CoreDNS",
        "Route53", "Lambda", "Fargate", "Cloudwatch", "CloudFront", "Jupyter", "JupyterHub", "BinderHub",
        "Binder", "Prow", "Tide", "Gerrit", "Zuul", "Kubectl", "Systemd", "Cron", "Crontab",
        # common nouns that open sentences in postmortems
        "Config", "Configuration", "Deploy", "Deployment", "Release", "Migration", "Change", "Update",
        "Script", "Job", "Alert", "Alerting", "Monitoring", "Service", "Server", "Cluster", "Node", "Pod",
        "Container", "Database", "Cache", "Queue", "Worker", "Traffic", "Network", "Certificate", "Backup",
        "Build", "Pipeline", "Rollout", "Rollback", "Upgrade", "Patch", "Automation", "System", "Customer",
        "User", "Client", "Request", "Load", "Disk", "Storage", "Replica", "Primary", "Leader", "Proxy",
        "Balancer", "Scheduler", "Controller", "Autoscaler", "Autoscaling", "Tool", "Tooling",
        "Bot", "Test", "Canary", "Commit", "Code", "Query", "Index", "Schema", "Table", "Feature", "Flag",
        "Firewall", "Router", "Gateway", "Endpoint", "Api", "Frontend", "Backend", "Application", "App",
        "Process", "Thread", "Daemon", "Agent", "Check", "Probe", "Health", "Incident", "Outage", "Error",
        "Retry", "Retries", "Timeout", "Memory", "Cpu", "Dns", "Ci", "Cd", "Staging", "Production", "Prod",
    ],
    "blame_suggestions": {
        "should have": ' (say what the system did not make easy or safe, e.g. "the runbook did not include ...")',
        "shouldn't have": ' (say what made the action look safe, e.g. "the tool gave no warning that ...")',
        "should not have": ' (say what made the action look safe, e.g. "the tool gave no warning that ...")',
        "failed to": ' (say what the system did or did not do, e.g. "the check did not run")',
        "forgot to": ' (name the missing reminder or automation, e.g. "no step in the checklist covers ...")',
        "human error": " (name the system condition that let a normal mistake cause harm)",
        "operator error": " (name the system condition that let a normal mistake cause harm)",
        "careless": " (describe the conditions: time pressure, missing guard rails, unclear tooling)",
        "carelessly": " (describe the conditions: time pressure, missing guard rails, unclear tooling)",
        "negligent": " (describe what the process did not require or check)",
        "negligence": " (describe what the process did not require or check)",
        "incompetent": " (describe the missing context, training material or tooling)",
        "blame": " (describe the sequence of events and the conditions instead)",
        "blamed": " (describe the sequence of events and the conditions instead)",
        "fault of": " (name the component or condition that let this happen)",
        "his fault": " (name the component or condition that let this happen)",
        "her fault": " (name the component or condition that let this happen)",
        "their fault": " (name the component or condition that let this happen)",
        "didn't bother": " (describe what made the step easy to skip)",
        "sloppy": " (describe the missing review or check)",
    },
    "person_blame_verbs": [
        "forgot", "mistakenly", "accidentally", "ignored", "overlooked", "neglected", "missed", "fat-fingered",
        "didn't check", "did not check", "didn't notice", "did not notice", "carelessly", "broke", "caused",
        "misconfigured", "bypassed", "skipped", "took down", "brought down", "failed to",
    ],
    "person_action_verbs": [
        "pushed", "deployed", "merged", "ran", "deleted", "changed", "approved", "removed", "dropped", "applied",
        "committed", "disabled", "modified", "edited", "typed", "entered", "introduced", "shipped", "released",
        "executed", "updated", "renamed", "rolled out", "restarted", "rebooted", "killed", "truncated",
        "overwrote", "configured", "set", "turned off", "triggered", "started", "stopped", "wrote", "added",
    ],
    "counterfactual_phrases": [
        "if only", "could have been avoided", "could have been prevented", "would not have happened",
        "wouldn't have happened", "would have been prevented", "would have been avoided", "had we",
        "could easily have", "should never have happened",
    ],
    # -- inference (infer/: what a document leaves implicit, marked as inferred) ----------
    "inferred_severity_outage_minutes": {"SEV1": 1440, "SEV2": 240},
    "inferred_severity_phrases": {
        "SEV1": ["data loss", "lost data", "data was lost", "data were lost", "data corruption", "corrupted data",
                 "data breach", "customer data was exposed", "user data was exposed", "personal data was exposed"],
        "SEV2": ["leaked", "leak", "compromised", "credentials were exposed", "token was exposed",
                 "secret was exposed", "secrets were exposed", "unauthorized access", "unauthorised access",
                 "security breach", "security incident", "supply chain attack", "remote code execution"],
    },
    "inferred_severity_scope_phrases": [
        "all users", "all of our users", "all customers", "all of our customers", "all players", "all services",
        "all of our services", "all jobs", "all requests", "all traffic", "all sites", "all regions", "every user",
        "every customer", "every request", "each and every one", "global outage", "globally", "worldwide",
        "complete outage", "total outage", "full outage", "entire site", "entire service", "entire platform",
        "entire network", "whole site", "whole platform", "completely down", "completely unavailable",
        "fully down", "site-wide", "sitewide", "platform-wide", "chain halt", "chain halted", "network halted",
        "impossible to merge any", "impossible to use", "nobody could", "no one could", "no users could",
    ],
    "inferred_severity_scope_level": "SEV2",
    "inferred_severity_min_share_percent": 50,
    "action_type_keywords": {
        "detect": ["alert", "alerts", "alerting", "alarm", "monitor", "monitoring", "monitored", "probe",
                   "synthetic", "slo", "slos", "dashboard", "dashboards", "health check", "healthcheck", "detect",
                   "detection", "observability", "metric", "metrics", "paged", "page on", "notify", "notification"],
        "repair": ["restart", "roll back", "rollback", "revert", "re-run", "rerun", "redeploy", "reboot", "clean up",
                   "cleanup", "bump", "restore", "delete", "purge", "flush", "rotate", "revoke", "reset"],
        "process": ["document", "documentation", "runbook", "playbook", "training", "train", "teach", "remind",
                    "communicate", "communication", "announce", "policy", "checklist", "write up", "guide",
                    "guidelines", "process", "postmortem", "post-mortem", "review and prune", "re-iterate",
                    "reiterate", "on-call rota", "rota", "volunteer", "hire", "staffing", "meeting"],
        "mitigate": ["rate limit", "rate-limit", "rate limiting", "circuit breaker", "fallback", "fall back",
                     "graceful", "gracefully", "backoff", "timeout", "timeouts", "isolate", "isolation", "separate",
                     "redundancy", "redundant", "failover", "autoscale", "autoscaling", "blast radius", "degrade",
                     "limit the impact", "quota", "capacity", "headroom", "replica", "replicas", "backup", "backups"],
        "prevent": ["test", "tests", "testing", "validate", "validation", "automate", "automated", "automation",
                    "lint", "linter", "ci", "presubmit", "enforce", "require", "required", "prevent", "fix", "fixed",
                    "upgrade", "replace", "migrate", "remove", "disable", "configure", "pin", "guard", "check",
                    "restrict", "protect", "protection", "2fa", "signing", "least privilege", "scope", "scoped"],
    },
    "responder_action_words": [
        "investigate", "investigated", "investigating", "investigation", "rolled back", "reverted", "joined", "joins",
        "paged", "escalated", "diagnosed", "debugging", "debugged", "responded",
        "acknowledged", "acked", "engineers", "engineer", "on-call", "oncall", "on call", "sre", "sres", "devops",
        "maintainer", "maintainers", "developer", "developers", "admin", "admins", "responder", "responders", "we",
        "team", "teams", "started working", "worked", "woke", "announcement", "announced", "communicated", "discussing", "discussion", "conversations",
        "hotfix", "hotfixed", "incident call", "bridge call",
        "changed the", "revoked", "rotated", "blocked", "banned", "locked", "contacted", "reached out to",
    ],
    "reporter_words": [
        "customer", "customers", "is reported", "was reported", "were reported", "reported on", "reported in",
        "reported to us", "user reports", "users report", "user reported", "users reported", "reported by",
        "reports from", "report from", "message from", "messages from", "emailed us", "tweeted", "complaint",
        "complaints", "support ticket", "automated", "automatically", "cron", "scheduled", "alert fired",
        "alerts fired", "notification",
    ],
    "page_words": ["paged", "pagerduty", "opsgenie", "woken", "woke", "got a page", "page went off", "pager went off",
                   "alert pages", "alarm pages", "pages the on-call", "pages on-call", "pages the oncall"],
    "on_call_burden_phrases": [
        "woke up to", "was woken", "were woken", "woken up", "woke me", "woke us", "woke them", "got me out of bed",
        "out of bed", "worked through the night", "through the night", "middle of the night", "all-nighter",
        "all night", "pause for sleep", "paused for sleep", "lost sleep", "sleepless", "paged at night",
        "paged overnight", "paged in the night",
    ],
    "no_page_phrases": [
        "nobody was paged", "no one was paged", "no-one was paged", "nobody got paged", "no one got paged",
        "no pages were sent", "no page was sent", "did not page anyone", "didn't page anyone", "was not paged",
        "wasn't paged", "were not paged", "weren't paged", "nobody was woken", "no one was woken",
    ],
    # people at work at a night hour who were awake anyway: their own hours, a team in
    # another zone, a hand-over, planned work. Night timestamps then infer no lost sleep.
    "night_awake_phrases": [
        "online at this hour", "online at that hour", "online at the time", "were online", "was online",
        "already online", "still online", "were awake", "was awake", "already awake", "still awake",
        "their time", "their local time", "local working hours", "their working hours", "their daytime",
        "handed over to", "hand over to", "handover to", "hand-over to", "follow the sun", "follow-the-sun",
        "another time zone", "another timezone", "different time zone", "different timezone", "other time zone",
        "other timezone", "planned maintenance", "maintenance window", "scheduled maintenance",
    ],
    "lone_responder_phrases": [
        "only maintainer", "only one maintainer", "single maintainer", "sole maintainer", "one maintainer",
        "only one person", "a single person", "one person", "one volunteer", "only volunteer", "single volunteer",
        "no one else was available", "nobody else was available", "the only person", "the only engineer",
        "the only responder", "maintainer who resolved", "maintainer who handled", "maintainer who fixed",
        "maintainer who responded", "volunteer who resolved", "volunteer who handled", "volunteer who responded", "handled it alone", "handled this alone", "responded alone", "worked alone",
    ],
    "detection_method_phrases": {
        "customer": ["a user reported", "users reported", "user reported", "reported by a user", "reported by users",
                     "report from a user", "reports from users", "a customer reported", "customers reported",
                     "reported by a customer", "reported by customers", "customer complaints", "customer reports",
                     "user reports", "users started reporting", "users began reporting", "customers started reporting",
                     "received a report", "received reports", "security researcher", "researcher reported",
                     "reported to us", "reported this to", "notified us", "reached out to us", "contacted us",
                     "contacted by", "third party", "third-party", "external researcher", "was reported on github",
                     "reported on github", "reported on twitter", "reported on slack", "reported in our",
                     "bug bounty", "hackerone", "hacker one", "found by an outside", "outside party",
                     "reports their finding", "reported their finding", "reports their findings",
                     "reported their findings", "responsibly disclosed", "disclosed to us", "external report"],
        "employee": ["an engineer noticed", "engineer noticed", "engineers noticed", "a team member noticed",
                     "someone noticed", "somebody noticed", "a developer noticed", "developers noticed",
                     "happened to notice", "by chance", "noticed by", "we noticed", "i noticed", "was spotted",
                     "we spotted", "manually noticed", "noticed in", "noticed that", "noticed the", "first noticed",
                     "on-call noticed", "oncall noticed", "team noticed", "team notice", "messages in slack",
                     "slack channel", "via messages", "saw messages"],
        "alert": ["alert fired", "alerts fired", "an alert", "we were alerted", "was alerted", "were alerted",
                  "alerted us", "alerted by", "paged by", "pagerduty", "alertmanager", "alarm went off",
                  "alarm fired", "alarms fired", "triggered an alert", "alerting triggered",
                  # automated alerts from a security product or scanner are monitoring, not a person
                  "security alert", "automated warning", "automated alert", "automated email",
                  "automated notification", "login attempt from", "sign-in attempt from", "sign-in from a new",
                  "login from a new", "unfamiliar ip", "unrecognized device", "suspicious login",
                  "suspicious sign-in", "secret scanning", "scanner flagged", "scanning detected"],
        "monitoring": ["our monitoring", "identified by our monitoring", "monitoring detected", "monitoring showed",
                       "monitoring picked up", "detected by monitoring", "dashboards showed", "metrics showed"],
        "synthetic": ["synthetic check", "synthetic checks", "synthetic monitor", "uptime check", "pingdom",
                      "status check failed", "canary failed"],
    },
    "repeat_phrases": [
        "happened again", "happening again", "has happened before", "this happened before", "occurred again",
        "same issue as", "same problem as", "same failure as", "same outage as", "same incident as",
        "same root cause as", "a recurrence of", "recurrence of the", "recurring issue", "recurring incident",
        "recurring outage", "recurring problem", "part two", "part 2", "part ii", "second time this",
        "second time in", "third time this", "third time in", "repeat incident",
        "repeat of the", "repeat of last", "previous incident", "previous outage", "similar incident",
        "similar outage",
    ],
    # -- summary ---------------------------------------------------------------------
    "summary_max_words": 150,
    # -- unknown keys ----------------------------------------------------------------
    "extension_keys": [],
}

#: Settings that moved into the rule that reads them (old key → rule id); the option keeps
#: the old key's name. A config that still sets one keeps working for one release, with a
#: warning naming the new form `rules: {ID: {option: ...}}` (config.build_config).
MOVED_SETTINGS: dict[str, str] = {}

SETTINGS_HELP: dict[str, str] = {
    "max_file_bytes": "Files larger than this are reported (PM002) and not read (at most 50 MiB).",
    "time_budget_seconds": "Seconds one document may take to load and check, per MiB of it (at least one MiB's worth); "
                           "past it, PM007 reports it not fully checked and the run goes on (at most 60 in all: a "
                           "pull request's config cannot lift it further).",
    "severity_levels": "Severity names, most severe first.",
    "severity_aliases": "Severity word → one of `severity_levels` (`Critical` → SEV1); `Sev-2`, `sev 2` need no alias (PM014 and every SEV1/SEV2 rule).",
    "major_severities": "Severities that need the full durability analysis (all layers, on-call, lessons).",
    "strict": "Unknown top-level fields in YAML postmortems are schema errors (same as config `strict`).",
    "section_aliases": "Markdown: section key → extra heading texts that open it (merged with the built-in aliases), "
                       "e.g. `{action_items: [Follow-through]}`.",
    "required_sections": "Core sections PM011 requires; `a|b` accepts either. Impact is PM601's job, action items PM313's.",
    "template_placeholders": "Regexes of template placeholders PM010 reports (`ISSUE NAME`, `YYYY-MM-DD`, `TBD`, `[Name]` ...).",
    "template_prompts": "Template instructions PM013 reports when left in the text.",
    "date_tolerance_days": "Days by which the `date` field, file name, title and timeline start may differ (PM012).",
    "analysed_layers": "Layers a SEV1/SEV2 analysis must cover, by a cause or a `layer_analysis` entry (PM102).",
    "layer_analysis_min_words": "Shortest `layer_analysis` entry, in words, that counts as saying why (PM102).",
    "human_error_phrases": "Phrases PM103 rejects as a root cause.",
    "min_why_depth": "Shortest why-chain PM104 accepts.",
    "why_depth_severities": "Severities whose root causes need a why-chain (PM104).",
    "layer_keywords": "Layer → words that suggest it: the layer of a root cause or action item that states none is inferred from them (most distinct words, ties to the deeper layer); PM105 suggests a layer for `code` causes that use them.",
    "unknown_cause_phrases": "Phrases that state a root cause is unknown (\"root cause is unknown\", \"still unclear\", "
                             "\"under investigation\"), not the adjective (\"unknown keys\"); a cause that is only "
                             "`TBD`, `unknown` or `?` counts too (PM106; PM306 leaves such causes to it).",
    "investigate_words": "Words of an action item that investigates or adds observability (PM106).",
    "night_start": "Start of the night window, HH:MM (PM203).",
    "night_end": "End of the night window, HH:MM (PM203).",
    "night_timezone": "Zone of the night window (IANA name or offset); empty: the document's `timezone`, else each timestamp's own.",
    "night_responder_patterns": "Regexes of a night-time timeline entry that show responders at work (PM203).",
    "night_outside_patterns": "Regexes of a night-time timeline entry written by or about people outside the "
                              "response (customers, reporters): not on-call burden (PM203).",
    "paging_reduction_words": "Words of an action item that reduces paging or automates the response (PM202).",
    "load_sharing_words": "Words of an action item that spreads the response beyond one person: a rota, a runbook, automation (PM206).",
    "manual_step_words": "Words in `resolution` that mark a manual step (PM204).",
    "closed_statuses": "Action-item statuses that need no owner, date, ticket or priority any more (PM301, PM302, PM304, PM305).",
    "durable_action_types": "Action-item types that count as a fix at a cause's layer (PM307).",
    "band_aid_verbs": "Leading verbs that make an action item a band-aid (PM307–PM309, PM802).",
    "vague_verbs": "Leading verbs PM310 reports unless the item states a measurable outcome.",
    "measurable_patterns": "Regexes that count as a measurable outcome in an action item (PM310).",
    "people_fix_phrases": "Phrases of actions that try to fix people (PM312).",
    "system_change_words": "Words that show an action item also changes the system (PM312).",
    "detect_words": "Words of an untyped action item that improves detection (PM402).",
    "address_min_shared_words": "Content words an action item must share with a root cause to address it without `addresses` (PM306).",
    "no_action_min_words": "Shortest `no_action_reason`, in words, that counts as a justification (PM313).",
    "repeat_required_layer": "Layer of the prevent item a repeat incident needs (PM802).",
    "human_detection_methods": "Detection methods that mean people, not monitoring, found the incident (PM402).",
    "max_time_to_detect_minutes": "Severity → longest acceptable time from started to detected, in minutes (PM403).",
    "max_time_to_mitigate_minutes": "Severity → longest acceptable time from started to mitigated, in minutes (PM404).",
    "required_milestones": "Timeline kinds SEV1/SEV2 need, in this order (PM503, PM504).",
    "duration_tolerance_minutes": "How far `impact.duration_minutes` may differ from the timeline (PM505).",
    "blame_phrases": "Phrases PM701 reports as blaming language (whole words, case-insensitive).",
    "blame_person_phrases": "Phrases of `blame_phrases` PM701 reports only with a person as their subject "
                            "(a pronoun, @handle, name or `person_roles` word): \"Sam failed to\", not \"the pod failed to\"; "
                            "\"we should have checked\", not \"an issue which should have been addressed\".",
    "blame_participle_phrases": "Phrases of `blame_phrases` PM701 reports only before a past participle: "
                                "\"should have checked\", not \"we should have alerting\".",
    "person_roles": "Words that make the subject of a `blame_person_phrases` phrase a person (PM701; plurals count too).",
    "known_systems": "Capitalised words that are never a person's name (PM701, PM702): systems and tools "
                     "(`Kubernetes`, `Terraform`) and nouns that open sentences (`Config`, `Deploy`); case-insensitive.",
    "blame_suggestions": "Phrase → rewrite advice appended to PM701's message.",
    "person_blame_verbs": "Verbs that blame the person before them (PM702): in a root cause, and in the summary "
                          "or trigger, anywhere in a sentence whose subject is a person.",
    "person_action_verbs": "Neutral action verbs that, after a name or @handle in a root cause, make a person the "
                           "cause (PM702): \"Bob pushed the config\".",
    "counterfactual_phrases": "Counterfactual phrases PM703 reports as advice.",
    "inferred_severity_outage_minutes": "Severity → shortest outage that infers it when the document states no severity "
                                        "(stated or timeline or prose duration; PagerDuty: impaired for a long time).",
    "inferred_severity_phrases": "Severity → phrases (not negated) that infer it: data loss and breaches SEV1, leaked "
                                 "credentials SEV2 (Atlassian, PagerDuty).",
    "inferred_severity_scope_phrases": "Phrases that say all or most users were hit (\"all users\", \"global\"); they "
                                       "infer `inferred_severity_scope_level`, one level higher with a long outage.",
    "inferred_severity_scope_level": "Severity a whole-product or all-users impact infers.",
    "inferred_severity_min_share_percent": "Share of users or traffic (\"60% of requests\") that counts as all or most.",
    "action_type_keywords": "Action-item type → words that infer it when `type` is not stated (checked detect, repair "
                             "(leading verb), process, mitigate, prevent).",
    "responder_action_words": "Words of a night timeline entry that show a responder working (on-call burden).",
    "reporter_words": "Words of a night timeline entry that make it a report or automated event, never burden.",
    "page_words": "Words of a night responder entry that count it as an off-hours page.",
    "on_call_burden_phrases": "Phrases that infer interrupted sleep (\"woke up to\", \"worked through the night\").",
    "no_page_phrases": "Phrases that say nobody was paged: no on-call burden is inferred then.",
    "night_awake_phrases": "Phrases that say people at work at night were awake anyway (their own hours, a "
                           "hand-over, planned maintenance): night timestamps then infer no interrupted sleep.",
    "lone_responder_phrases": "Phrases that infer a single responder carried the incident (`on_call.responders: 1`).",
    "detection_method_phrases": "Detection method → phrases that infer it when `detection.method` is not stated "
                                "(first in the document wins; a Detection section first).",
    "repeat_phrases": "Phrases (outside the timeline and action items) that infer a repeat incident.",
    "summary_max_words": "Longest summary, in words, that a reader takes in within a minute (PM803).",
    "extension_keys": "Your own keys in YAML postmortems, allowed at any level (PM016); keys starting with `x-` "
                      "always are.",
}


#: What each setting holds, checked when the configuration is loaded (`check_setting`), so a
#: bad value is a one-line error with file and line instead of a rule silently turning off.
#:   count      non-negative integer            number       non-negative number
#:   bytes      integer in (0, MAX_FILE_BYTES_CEILING]   seconds  number in (0, TIME_BUDGET_CEILING]
#:   flag       true / false                    text         one string
#:   words      list of strings (phrases)       regex-list   list of regular expressions
#:   severities list of distinct severity names
#:   severity-subset  list of names from `severity_levels`
#:   clock      "HH:MM" (00:00–23:59)           timezone     IANA name, UTC or ±HH:MM, or empty
#:   section-map   known section key → list of heading texts
#:   section-list  list of top-level section keys, `a|b` for either
#:   word-map      name → list of strings       text-map     phrase → text
#:   severity-map  word → one of `severity_levels`
#:   minutes-map   severity (one of `severity_levels`) → non-negative number of minutes
SETTINGS_KIND: dict[str, str] = {
    "max_file_bytes": "bytes",
    "time_budget_seconds": "seconds",
    "severity_levels": "severities",
    "major_severities": "severity-subset",
    "severity_aliases": "severity-map",
    "strict": "flag",
    "section_aliases": "section-map",
    "required_sections": "section-list",
    "template_placeholders": "regex-list",
    "template_prompts": "words",
    "date_tolerance_days": "count",
    "analysed_layers": "words",
    "layer_analysis_min_words": "count",
    "human_error_phrases": "words",
    "min_why_depth": "count",
    "why_depth_severities": "severity-subset",
    "layer_keywords": "word-map",
    "unknown_cause_phrases": "words",
    "investigate_words": "words",
    "night_start": "clock",
    "night_end": "clock",
    "night_timezone": "timezone",
    "night_responder_patterns": "regex-list",
    "night_outside_patterns": "regex-list",
    "paging_reduction_words": "words",
    "load_sharing_words": "words",
    "manual_step_words": "words",
    "closed_statuses": "words",
    "durable_action_types": "words",
    "band_aid_verbs": "words",
    "vague_verbs": "words",
    "measurable_patterns": "regex-list",
    "people_fix_phrases": "words",
    "system_change_words": "words",
    "detect_words": "words",
    "address_min_shared_words": "count",
    "no_action_min_words": "count",
    "repeat_required_layer": "text",
    "human_detection_methods": "words",
    "max_time_to_detect_minutes": "minutes-map",
    "max_time_to_mitigate_minutes": "minutes-map",
    "required_milestones": "words",
    "duration_tolerance_minutes": "number",
    "blame_phrases": "words",
    "blame_person_phrases": "words",
    "blame_participle_phrases": "words",
    "person_roles": "words",
    "known_systems": "words",
    "blame_suggestions": "text-map",
    "person_blame_verbs": "words",
    "person_action_verbs": "words",
    "counterfactual_phrases": "words",
    "inferred_severity_outage_minutes": "minutes-map",
    "inferred_severity_phrases": "word-map",
    "inferred_severity_scope_phrases": "words",
    "inferred_severity_scope_level": "text",
    "inferred_severity_min_share_percent": "number",
    "action_type_keywords": "word-map",
    "responder_action_words": "words",
    "reporter_words": "words",
    "page_words": "words",
    "on_call_burden_phrases": "words",
    "no_page_phrases": "words",
    "night_awake_phrases": "words",
    "lone_responder_phrases": "words",
    "detection_method_phrases": "word-map",
    "repeat_phrases": "words",
    "summary_max_words": "count",
    "extension_keys": "words",
}

#: hard ceilings no configuration can lift (see budget.py and load/limits.py)
from .budget import CEILING_SECONDS as TIME_BUDGET_CEILING  # noqa: E402
from .load.limits import MAX_FILE_BYTES_CEILING  # noqa: E402

_CLOCK = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d")
_OFFSET = re.compile(r"[+-](?:[01]\d|2[0-3]):?[0-5]\d")


class SettingError(ValueError):
    """A setting whose value does not fit its kind; `path` locates the bad part below the
    setting (a list index or a mapping key), so the config error can point at its line."""

    def __init__(self, message: str, path: tuple[str | int, ...] = (), key: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.key = key  #: the setting to point at, when not the one being checked


def _section_keys() -> set[str]:
    from .load.md_sections import BUILTIN_ALIASES, LESSON_ALIASES

    return set(BUILTIN_ALIASES) | set(LESSON_ALIASES)


def _document_section_keys() -> set[str]:
    """Top-level sections a document can have (`required_sections`): the Markdown loader's
    section keys, less `whys`, which becomes part of a root cause rather than a section."""
    from .load.md_sections import BUILTIN_ALIASES

    return set(BUILTIN_ALIASES) - {"whys"}


def _strings(key: str, value: Any) -> None:
    if not isinstance(value, list):
        raise SettingError(f"`settings.{key}` must be a list of strings")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise SettingError(f"`settings.{key}[{index}]` must be a non-empty string, got {item!r}", (index,))


def _non_negative(name: str, value: Any, *, integer: bool, path: tuple[str | int, ...] = ()) -> None:
    kinds = (int,) if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds) or value < 0:
        what = "a non-negative integer" if integer else "a non-negative number"
        raise SettingError(f"`{name}` must be {what}, got {value!r}", path)


def check_setting(key: str, value: Any) -> None:
    """Raise SettingError when `value` does not fit `SETTINGS_KIND[key]`. Cross-setting
    rules (a major severity must be a severity) are `check_settings`'s job."""
    kind = SETTINGS_KIND[key]
    name = f"settings.{key}"
    if kind == "count":
        _non_negative(name, value, integer=True)
    elif kind in ("bytes", "seconds"):  # limits that protect the run: a config may lower them only so far up
        ceiling = MAX_FILE_BYTES_CEILING if kind == "bytes" else TIME_BUDGET_CEILING
        _non_negative(name, value, integer=kind == "bytes")
        floor = 1 if kind == "bytes" else 0.001
        if not floor <= value <= ceiling:
            raise SettingError(f"`{name}` must be at least {floor} and at most {ceiling:,}, got {value!r}")
    elif kind == "number":
        _non_negative(name, value, integer=False)
    elif kind == "flag":
        if not isinstance(value, bool):
            raise SettingError(f"`{name}` must be true or false, got {value!r}")
    elif kind == "text":
        if not isinstance(value, str) or not value.strip():
            raise SettingError(f"`{name}` must be a non-empty string, got {value!r}")
    elif kind in ("words", "severity-subset"):
        _strings(key, value)
    elif kind == "section-list":
        _strings(key, value)
        known = _document_section_keys()
        for index, item in enumerate(value):
            for part in item.split("|"):
                section = part.strip()
                if section not in known:
                    raise SettingError(f"`{name}[{index}]` names an unknown section {section!r}"
                                       f"{did_you_mean(section, known)} (known: {', '.join(sorted(known))}; "
                                       "`a|b` accepts either)", (index,))
    elif kind == "severities":
        _strings(key, value)
        if not value:
            raise SettingError(f"`{name}` must name at least one severity")
        seen: set[str] = set()
        for index, item in enumerate(value):
            if item.upper() in seen:
                raise SettingError(f"`{name}` lists {item!r} twice", (index,))
            seen.add(item.upper())
    elif kind == "regex-list":
        _strings(key, value)
        from .engine.text import phrase_regex

        for index, item in enumerate(value):
            try:  # compiled exactly as the checks compile it
                phrase_regex((), (item,))
            except re.error as error:
                raise SettingError(f"`{name}[{index}]` is not a valid regular expression ({error}): {item!r}",
                                   (index,)) from None
    elif kind == "clock":
        if not isinstance(value, str) or not _CLOCK.fullmatch(value.strip()):
            raise SettingError(f"`{name}` must be a time of day as HH:MM (00:00 to 23:59), got {value!r}")
    elif kind == "timezone":
        if not isinstance(value, str):
            raise SettingError(f"`{name}` must be a timezone name, got {value!r}")
        text = value.strip()
        if text and text.upper() not in ("UTC", "Z", "GMT") and not _OFFSET.fullmatch(text) and not _iana(text):
            raise SettingError(f"`{name}` must be an IANA timezone (Europe/Berlin), UTC or an offset (+02:00), "
                               f"or empty; got {value!r}")
    elif kind in ("section-map", "word-map", "text-map", "severity-map", "minutes-map"):
        if not isinstance(value, dict):
            raise SettingError(f"`{name}` must be a mapping")
        keys = _section_keys() if kind == "section-map" else None
        for map_key, item in value.items():
            where = f"{name}.{map_key}"
            if keys is not None and map_key not in keys:
                raise SettingError(f"`{name}` has an unknown section key {map_key!r}{did_you_mean(str(map_key), keys)} "
                                   f"(known: {', '.join(sorted(keys))})", (map_key,))
            if kind == "minutes-map":
                _non_negative(where, item, integer=False, path=(map_key,))
            elif kind in ("text-map", "severity-map"):
                if not isinstance(item, str):
                    raise SettingError(f"`{where}` must be a string, got {item!r}", (map_key,))
            else:
                try:
                    _strings(f"{key}.{map_key}", item)
                except SettingError as error:
                    raise SettingError(str(error), (map_key, *error.path)) from None
    else:  # pragma: no cover - a kind without a checker is a bug the test suite catches
        raise AssertionError(f"no checker for setting kind {kind!r}")


def _iana(name: str) -> bool:
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(name)
        return True
    except Exception:  # ZoneInfoNotFoundError, ValueError for odd paths
        return False


def check_settings(merged: dict[str, Any], given: dict[str, Any]) -> None:
    """Rules between settings, on the merged values: every name in a severity-subset
    setting (`major_severities`, `why_depth_severities`) is one of `severity_levels`.
    The error's `key` is the setting to point at: the one the user wrote, else
    `severity_levels` (the user changed the levels and kept a default that no longer fits)."""
    levels = {str(level).upper() for level in merged["severity_levels"]}
    shown = ", ".join(map(str, merged["severity_levels"]))
    for key, kind in SETTINGS_KIND.items():
        # per-severity maps: only the entries the user wrote (the defaults' SEV1–SEV4 keys
        # stay in the merged map and are harmless when `severity_levels` names others)
        if kind == "minutes-map" and isinstance(given.get(key), dict):
            for map_key in given[key]:
                if str(map_key).upper() not in levels:
                    raise SettingError(f"`settings.{key}` has a key {map_key!r}, which is not one of "
                                       f"`settings.severity_levels` ({shown})"
                                       f"{did_you_mean(str(map_key), merged['severity_levels'])}", (map_key,), key)
        if kind == "severity-map" and isinstance(given.get(key), dict):
            for map_key, item in given[key].items():
                if str(item).upper() not in levels:
                    raise SettingError(f"`settings.{key}.{map_key}` names {item!r}, which is not one of "
                                       f"`settings.severity_levels` ({shown})"
                                       f"{did_you_mean(str(item), merged['severity_levels'])}", (map_key,), key)
        if kind != "severity-subset":
            continue
        for index, item in enumerate(merged[key]):
            if str(item).upper() in levels:
                continue
            if key in given:
                raise SettingError(f"`settings.{key}` names {item!r}, which is not one of `settings.severity_levels` "
                                   f"({shown})", (index,), key)
            raise SettingError(f"`settings.{key}` keeps its default {merged[key]}, but {item!r} is not one of "
                               f"`settings.severity_levels`; set `settings.{key}` as well", (), "severity_levels")


def did_you_mean(word: str, candidates: Any) -> str:
    """` (did you mean 'x'?)` for the closest candidate, or an empty string."""
    import difflib

    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


def merge_settings(overrides: dict[str, Any] | None) -> dict[str, Any]:
    """Defaults, overridden key by key. A mapping setting is merged one level deep with its
    default (`{SEV1: 5}` keeps the other severities' limits); a list replaces the default."""
    merged = dict(DEFAULT_SETTINGS)
    for key, value in (overrides or {}).items():
        default = DEFAULT_SETTINGS.get(key)
        if isinstance(default, dict) and isinstance(value, dict):
            merged[key] = {**default, **value}
        else:
            merged[key] = value
    return merged


def _show_default(value: Any) -> str:
    """A default short enough for a table cell; long lists point at this module."""
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, (int, float)):
        return f"`{value}`"
    if isinstance(value, str):
        return f"`{value}`" if value else "(empty)"
    text = json.dumps(value, ensure_ascii=False)
    if len(text) <= 60:
        return "`" + text.replace("|", "\\|") + "`"
    count = len(value)
    return f"{count} {'entries' if isinstance(value, dict) else 'items'}, see `pmlint/settings.py`"


def settings_table() -> str:
    """The README's settings table, generated so it can never drift from the code."""
    rows = ["| setting | default | meaning |", "|---|---|---|"]
    for key, value in DEFAULT_SETTINGS.items():
        meaning = SETTINGS_HELP[key].replace("|", "\\|")
        rows.append(f"| `{key}` | {_show_default(value)} | {meaning} |")
    return "\n".join(rows) + "\n"
