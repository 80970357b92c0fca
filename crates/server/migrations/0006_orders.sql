-- What each line cost when a shipping quote was made ("sku=minor CUR;…"): an order placed on
-- the quote is refused (409) when a price has changed since.
ALTER TABLE shipping_quotes ADD COLUMN prices TEXT NOT NULL DEFAULT '';

-- Orders. The number is what the buyer quotes; the access key (random, 128 bits) makes the
-- confirmation link; the email reads it together with the number.
CREATE TABLE orders (
    number            TEXT PRIMARY KEY,
    access_key        TEXT NOT NULL,
    email             TEXT NOT NULL,
    locale            TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('paid')),
    placed_at         INTEGER NOT NULL,
    cart_token        TEXT NOT NULL,
    shipping_quote_id TEXT NOT NULL,
    -- The order as its buyer reads it (lines, shipments, totals, address), as sent.
    body              TEXT NOT NULL
);

CREATE TABLE order_lines (
    order_number  TEXT NOT NULL REFERENCES orders(number),
    sku           TEXT NOT NULL REFERENCES variants(sku),
    quantity      INTEGER NOT NULL CHECK (quantity >= 1),
    unit_minor    INTEGER NOT NULL,
    currency      TEXT NOT NULL,
    PRIMARY KEY (order_number, sku)
) WITHOUT ROWID;

CREATE TABLE payments (
    id             TEXT PRIMARY KEY,
    order_number   TEXT NOT NULL REFERENCES orders(number),
    provider       TEXT NOT NULL,
    reference      TEXT NOT NULL,
    amount_minor   INTEGER NOT NULL,
    currency       TEXT NOT NULL,
    description    TEXT NOT NULL,
    created_at     INTEGER NOT NULL
);

-- Units held for an order being paid; released on a decline, dropped when the order is
-- written. Rows older than a few minutes belong to a crashed attempt and are released at
-- start-up.
CREATE TABLE stock_holds (
    idempotency_key TEXT NOT NULL,
    sku             TEXT NOT NULL REFERENCES variants(sku),
    quantity        INTEGER NOT NULL CHECK (quantity >= 1),
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (idempotency_key, sku)
) WITHOUT ROWID;

-- `Idempotency-Key`s of order requests: the canonical request and, once answered, the
-- response replayed for a repeat. `status` is NULL while the first request is in flight.
CREATE TABLE idempotency_keys (
    key         TEXT PRIMARY KEY,
    request     TEXT NOT NULL,
    status      INTEGER,
    response    TEXT,
    created_at  INTEGER NOT NULL
);
