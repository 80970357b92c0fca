"""schemathesis hooks for `make fuzz`: configured data, so carts hold items the store sells and
shipping quotes are made for them (the stateful phase then follows the document's links from
a cart to its quote and the quote's totals).

In two bodies out of three, every generated line's SKU that is a well-formed string is
replaced by a SKU of the seeded catalog that is in stock (distinct within one body), and a
quote request for
nothing (no lines, no cart) gets one such line half of the time. Values of the wrong type or
length are left alone, so a request the generator made to break the schema still breaks it.
"""

import json
import os
import random
import urllib.request

import schemathesis

_SKUS = None


def _get(path):
    with urllib.request.urlopen(os.environ["FUZZ_STORE_URL"] + path, timeout=10) as response:
        return json.load(response)


def _in_stock():
    global _SKUS
    if _SKUS is None:
        slugs = [p["slug"] for p in _get("/api/v1/products?per_page=24")["items"]]
        _SKUS = [
            v["sku"]
            for slug in slugs
            for v in _get(f"/api/v1/products/{slug}")["variants"]
            if v.get("stock", 0) > 0
        ]
    return _SKUS


@schemathesis.hook
def map_body(context, body):
    lines = body.get("lines") if isinstance(body, dict) else None
    if not isinstance(lines, list):
        return body
    quote_for_nothing = "destination" in body and not isinstance(body.get("cart_token"), str)
    if not lines and quote_for_nothing and random.random() < 0.5:
        body["lines"] = [{"sku": random.choice(_in_stock()), "quantity": 1}]
        return body
    if not lines:
        return body
    if random.random() < 1 / 3:
        return body
    pool = random.sample(_in_stock(), k=min(len(lines), len(_in_stock())))
    for line, sku in zip(lines, pool):
        current = line.get("sku") if isinstance(line, dict) else None
        if isinstance(current, str) and 1 <= len(current) <= 64:
            line["sku"] = sku
    return body
