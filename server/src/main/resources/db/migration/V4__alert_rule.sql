-- Alert rules: from config/alerts.yaml (source 'file') or the admin API (source 'api').
CREATE TABLE alert_rule (
  id          text PRIMARY KEY,
  definition  jsonb NOT NULL,
  source      text NOT NULL CHECK (source IN ('file', 'api')),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
