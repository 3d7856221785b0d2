-- The notification outbox, written in the same transaction as the state transition it
-- announces. id is stable per transition (<alert id>.<episode>.<state>): receivers dedupe on it;
-- one row per channel and target. Delivery claims due rows, retries with backoff and jitter.
CREATE TABLE alert_notification (
  id            text NOT NULL,
  channel       text NOT NULL CHECK (channel IN ('webhook', 'email')),
  target        text NOT NULL,
  alert_id      text NOT NULL,
  state         text NOT NULL CHECK (state IN ('firing', 'resolved')),
  payload       jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  due_at        timestamptz NOT NULL DEFAULT now(),
  attempts      integer NOT NULL DEFAULT 0,
  delivered_at  timestamptz,
  failed_at     timestamptz,
  last_error    text,
  PRIMARY KEY (id, channel, target)
);
CREATE INDEX alert_notification_due ON alert_notification (due_at) WHERE delivered_at IS NULL AND failed_at IS NULL;
