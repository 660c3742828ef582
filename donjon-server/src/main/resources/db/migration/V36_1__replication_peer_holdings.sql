-- At an owner: the objects a push peer with a subscription (lockbox.peers[].push.projects / .groups) was sent and not
-- since told to remove, so that an object leaving the subscription is removed at that peer (docs/replication.md).
-- Kept only for subscribed peers: a peer that receives everything is told of every change anyway.
CREATE TABLE replication_peer_holdings (
    peer      TEXT NOT NULL,
    object_id TEXT NOT NULL,
    PRIMARY KEY (peer, object_id)
);
