-- Which client (IP address) an attempt's stock holds belong to: a client may keep only a few
-- attempts holding stock at once.
ALTER TABLE stock_holds ADD COLUMN client TEXT NOT NULL DEFAULT '';
CREATE INDEX stock_holds_by_client ON stock_holds (client);
CREATE INDEX stock_holds_by_age ON stock_holds (created_at);

-- One cart, one order: the attempt that claimed a cart, and the order it became. The primary
-- key decides between attempts racing for the same cart.
CREATE TABLE cart_claims (
    cart_token      TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL,
    order_number    TEXT,
    created_at      INTEGER NOT NULL
);
CREATE INDEX cart_claims_by_key ON cart_claims (idempotency_key);
-- Orders placed before claims existed claim their carts too.
INSERT OR IGNORE INTO cart_claims (cart_token, idempotency_key, order_number, created_at)
    SELECT cart_token, 'order:' || number, number, placed_at FROM orders;

-- A charge an attempt is making or has made, until its order is written (then deleted in the
-- same transaction). A row left behind by a stopped process is voided by housekeeping.
CREATE TABLE charge_attempts (
    idempotency_key TEXT PRIMARY KEY,
    token           TEXT NOT NULL,
    amount_minor    INTEGER NOT NULL,
    currency        TEXT NOT NULL,
    reference       TEXT,
    created_at      INTEGER NOT NULL
);

-- Ages that housekeeping deletes by.
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
CREATE INDEX shipping_quotes_by_expiry ON shipping_quotes (expires_at);
CREATE INDEX fx_quotes_by_expiry ON fx_quotes (expires_at);
CREATE INDEX carts_by_update ON carts (updated_at);

-- `/healthz` writes here to prove the database takes writes.
CREATE TABLE health (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    checked_at INTEGER NOT NULL
);

-- Keys are now compared by a SHA-256 of the request; the requests stored before held
-- addresses (and could hold whatever a client sent). They are dropped: a repeat of such a
-- request within its day gets a 422 instead of a replay.
UPDATE idempotency_keys SET request = 'before-0007' WHERE length(request) != 64;
