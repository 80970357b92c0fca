-- Carts, identified by an unguessable token (32 hex digits, 128 random bits).
CREATE TABLE carts (
    token       TEXT PRIMARY KEY,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE cart_lines (
    cart_token         TEXT NOT NULL REFERENCES carts(token),
    sku                TEXT NOT NULL REFERENCES variants(sku),
    quantity           INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    -- The unit price when the line was added, to tell the buyer when it changed.
    added_price_minor  INTEGER NOT NULL CHECK (added_price_minor >= 0),
    added_currency     TEXT NOT NULL CHECK (length(added_currency) = 3),
    added_at           INTEGER NOT NULL,
    PRIMARY KEY (cart_token, sku)
) WITHOUT ROWID;
