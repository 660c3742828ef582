-- Calls a peer in proxy mode forwarded here, by peer and call id (the assertion's jti): a forwarded call is admitted
-- once (domain.transfer.ProxiedCalls). Rows older than the assertions' freshness window are pruned as calls arrive.
CREATE TABLE proxied_calls (
    origin   TEXT   NOT NULL,
    call_id  TEXT   NOT NULL,
    received BIGINT NOT NULL,
    PRIMARY KEY (origin, call_id)
);

CREATE INDEX proxied_calls_by_received ON proxied_calls (received);
