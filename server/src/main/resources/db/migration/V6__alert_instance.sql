-- Alert instances: one per rule and group (alert-list matches: one per rule and matching event),
-- their state with timestamps, the history of every transition, acknowledgements and silences.
-- States: normal -> pending -> firing -> resolved (docs/alerting.md). The row's version makes a
-- transition conditional (UPDATE ... WHERE version = $n), so two nodes never both fire it.
CREATE TABLE alert_instance (
  id             text PRIMARY KEY,
  rule_id        text NOT NULL,
  group_key      text NOT NULL,
  group_labels   jsonb NOT NULL,
  country        char(3),
  event_id       text,
  severity       text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  state          text NOT NULL CHECK (state IN ('normal', 'pending', 'firing', 'resolved')),
  episode        integer NOT NULL DEFAULT 0,
  value          double precision,
  threshold      double precision,
  explanation    text NOT NULL DEFAULT '',
  link           text NOT NULL DEFAULT '',
  state_since    timestamptz NOT NULL,
  pending_since  timestamptz,
  firing_since   timestamptz,
  resolved_at    timestamptz,
  last_true_at   timestamptz,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        bigint NOT NULL DEFAULT 0,
  UNIQUE (rule_id, group_key),
  -- an alert-list match is raised once per event, whatever restarts and re-scans happen
  UNIQUE (rule_id, event_id)
);
CREATE INDEX alert_instance_state ON alert_instance (state, state_since DESC);

CREATE TABLE alert_transition (
  id          bigserial PRIMARY KEY,
  alert_id    text NOT NULL REFERENCES alert_instance (id) ON DELETE CASCADE,
  episode     integer NOT NULL,
  from_state  text NOT NULL,
  to_state    text NOT NULL,
  at          timestamptz NOT NULL,
  value       double precision,
  explanation text NOT NULL DEFAULT ''
);
CREATE INDEX alert_transition_alert ON alert_transition (alert_id, id);

CREATE TABLE alert_ack (
  id          bigserial PRIMARY KEY,
  alert_id    text NOT NULL REFERENCES alert_instance (id) ON DELETE CASCADE,
  episode     integer NOT NULL,
  who         text NOT NULL,
  comment     text NOT NULL DEFAULT '',
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alert_ack_alert ON alert_ack (alert_id, episode);

-- Silences mute notifications (webhooks, e-mail) of matching alerts until a time; states still
-- change and show. matchers: [{"name": "rule"|"severity"|"post"|"country"|..., "value": "…"}].
CREATE TABLE alert_silence (
  id          text PRIMARY KEY,
  matchers    jsonb NOT NULL,
  starts_at   timestamptz NOT NULL DEFAULT now(),
  until       timestamptz NOT NULL,
  comment     text NOT NULL DEFAULT '',
  created_by  text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alert_silence_until ON alert_silence (until);
