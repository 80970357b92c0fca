//! A checkout storm against a running `store-server` (issue 14, item 10): C buyers at once
//! for the last N units of one variant. Every buyer does what the checkout page does — a
//! cart, a shipping quote to a US address in US dollars, the totals with the cheapest option
//! of each shipment, a card token from the payment sandbox — and then, all together behind a
//! barrier, `POST /api/v1/orders`. Exactly N must be sold, the rest refused with
//! `insufficient_stock`, and nothing answered with a 5xx.
//!
//! ```sh
//! cargo run --release -p server --example checkout_load -- \
//!     --store http://127.0.0.1:8080/ --payment http://127.0.0.1:8081/ [--concurrency 200] \
//!     [--sku SKU --slug SLUG] [--expect-stock N]
//! cargo run --release -p server --example checkout_load -- --pick --store … --payment …
//! ```
//!
//! `--pick` only chooses the variant (the first listed product with a variant in stock that
//! ships to the US) and prints `slug=…`, `sku=…`, `stock=…`, `word=…` (a word of its title, for
//! a search) as `key=value` lines. Without `--sku` the storm picks the same way. Each buyer
//! sends its own `X-Forwarded-For: 10.x.y.z`, so a store started with
//! `STORE_TRUST_FORWARDED=1` sees C clients rather than one. Environment fallbacks:
//! `STORE_URL`, `PAYMENT_URL`, `LOAD_CONCURRENCY`. Exits 1 when the figures are wrong (sold
//! != N, a 5xx, a buyer that could not get to the order step, stock left over), 2 on bad use.

use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::process::ExitCode;
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Barrier;

const CARD: &str = "4242424242424242";
const COUNTRY: &str = "US";
const POSTAL_CODE: &str = "95014";
const CURRENCY: &str = "USD";

fn address() -> Value {
    json!({
        "country": COUNTRY, "name": "Ana Smith", "address_line1": "1 Infinite Loop",
        "city": "Cupertino", "state": "CA", "postal_code": POSTAL_CODE,
        "phone": "(201) 555-0123"
    })
}

#[derive(Debug, Clone)]
struct Args {
    store: String,
    payment: String,
    concurrency: usize,
    pick_only: bool,
    sku: Option<String>,
    slug: Option<String>,
    expect_stock: Option<u64>,
}

fn usage(why: &str) -> ExitCode {
    eprintln!(
        "checkout_load: {why}\nusage: checkout_load --store URL --payment URL [--concurrency C] \
         [--sku SKU --slug SLUG] [--expect-stock N] [--pick]"
    );
    ExitCode::from(2)
}

fn parse_args() -> Result<Args, String> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    let mut args = Args {
        store: env("STORE_URL").unwrap_or_default(),
        payment: env("PAYMENT_URL").unwrap_or_default(),
        concurrency: match env("LOAD_CONCURRENCY") {
            Some(c) => c.parse().map_err(|_| format!("LOAD_CONCURRENCY={c}"))?,
            None => 200,
        },
        pick_only: false,
        sku: None,
        slug: None,
        expect_stock: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--pick" {
            args.pick_only = true;
            continue;
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--store" => args.store = value,
            "--payment" => args.payment = value,
            "--concurrency" | "-c" => {
                args.concurrency = value.parse().map_err(|_| format!("{flag} {value}"))?;
            }
            "--sku" => args.sku = Some(value),
            "--slug" => args.slug = Some(value),
            "--expect-stock" => {
                args.expect_stock = Some(value.parse().map_err(|_| format!("{flag} {value}"))?);
            }
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    if args.store.is_empty() || args.payment.is_empty() {
        return Err("the store's and the payment sandbox's URLs are needed".into());
    }
    if args.concurrency == 0 {
        return Err("concurrency must be at least 1".into());
    }
    args.store = args.store.trim_end_matches('/').to_owned();
    args.payment = args.payment.trim_end_matches('/').to_owned();
    if args.sku.is_some() != args.slug.is_some() {
        return Err("--sku and --slug go together".into());
    }
    Ok(args)
}

/// One HTTP answer: status, body as JSON (`Null` when not JSON), time taken.
#[derive(Debug)]
struct Reply {
    status: u16,
    body: Value,
    took: Duration,
}

#[derive(Debug, Clone)]
struct Http {
    client: reqwest::Client,
}

impl Http {
    fn new(connections: usize) -> Result<Http, String> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(120))
            .connect_timeout(Duration::from_secs(10))
            .pool_max_idle_per_host(connections)
            // The store closes idle keep-alive connections after its header timeout (10 s by
            // default); never reuse one that old.
            .pool_idle_timeout(Duration::from_secs(4))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Http { client })
    }

    async fn send(
        &self,
        method: reqwest::Method,
        url: &str,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Result<Reply, String> {
        let mut request = self.client.request(method, url);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        let started = Instant::now();
        let response = request.send().await.map_err(|e| format!("{url}: {e}"))?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await.map_err(|e| format!("{url}: {e}"))?;
        let took = started.elapsed();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Ok(Reply { status, body, took })
    }

    async fn get(&self, url: &str, headers: &[(&str, &str)]) -> Result<Reply, String> {
        self.send(reqwest::Method::GET, url, None, headers).await
    }

    async fn post(
        &self,
        url: &str,
        body: &Value,
        headers: &[(&str, &str)],
    ) -> Result<Reply, String> {
        self.send(reqwest::Method::POST, url, Some(body), headers)
            .await
    }
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_owned()
}

/// The problem's `code` (`insufficient_stock`, …), or `-`.
fn code(body: &Value) -> String {
    body.get("code")
        .and_then(Value::as_str)
        .unwrap_or("-")
        .to_owned()
}

/// The variant the storm buys.
#[derive(Debug, Clone)]
struct Target {
    slug: String,
    sku: String,
    stock: u64,
    title: String,
}

async fn variant_stock(
    http: &Http,
    store: &str,
    slug: &str,
    sku: &str,
) -> Result<(u64, String), String> {
    let r = http
        .get(&format!("{store}/api/v1/products/{slug}?locale=en"), &[])
        .await?;
    if r.status != 200 {
        return Err(format!("GET product {slug}: {} {}", r.status, r.body));
    }
    let stock = r.body["variants"]
        .as_array()
        .and_then(|vs| vs.iter().find(|v| v["sku"] == sku))
        .and_then(|v| v["stock"].as_u64())
        .ok_or_else(|| format!("product {slug} has no variant {sku} with a stock"))?;
    Ok((stock, text(&r.body["title"])))
}

/// The first listed product with a variant in stock that ships to the US whole.
async fn pick(http: &Http, store: &str) -> Result<Target, String> {
    let list = http
        .get(
            &format!("{store}/api/v1/products?per_page=24&locale=en"),
            &[],
        )
        .await?;
    if list.status != 200 {
        return Err(format!(
            "GET /api/v1/products: {} {}",
            list.status, list.body
        ));
    }
    let items = list.body["items"].as_array().cloned().unwrap_or_default();
    for item in items {
        let slug = text(&item["slug"]);
        let r = http
            .get(&format!("{store}/api/v1/products/{slug}?locale=en"), &[])
            .await?;
        if r.status != 200 {
            continue;
        }
        let Some(variant) = r.body["variants"]
            .as_array()
            .and_then(|vs| vs.iter().find(|v| v["stock"].as_u64().unwrap_or(0) > 0))
        else {
            continue;
        };
        let sku = text(&variant["sku"]);
        let quote = http
            .post(
                &format!("{store}/api/v1/shipping/quotes?currency={CURRENCY}"),
                &json!({
                    "destination": { "country": COUNTRY, "postal_code": POSTAL_CODE },
                    "lines": [{ "sku": sku, "quantity": 1 }]
                }),
                &[("x-forwarded-for", "10.255.255.1")],
            )
            .await?;
        let ships = quote.status == 201
            && quote.body["shipments"]
                .as_array()
                .is_some_and(|s| !s.is_empty())
            && quote.body["unshippable"]
                .as_array()
                .is_none_or(|u| u.is_empty());
        if ships {
            return Ok(Target {
                slug,
                sku,
                stock: variant["stock"].as_u64().unwrap_or(0),
                title: text(&r.body["title"]),
            });
        }
    }
    Err("no listed product has a variant in stock that ships to the US".into())
}

/// A word of the title to search for: its longest ASCII-alphabetic word (≥ 4 letters).
fn search_word(title: &str) -> String {
    title
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 4)
        .max_by_key(|w| w.len())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// What one buyer got.
#[derive(Debug, Default)]
struct Outcome {
    /// `step status code` when a step before the order failed.
    prep_failure: Option<String>,
    prep: Vec<(&'static str, Duration)>,
    order_status: Option<u16>,
    order_code: String,
    order_latency: Option<Duration>,
    transport_error: Option<String>,
    /// The order's number and access key, when placed, and the buyer's address (its own
    /// client for the store's per-client limits when reading the order back).
    placed: Option<(String, String, String)>,
    charged: Option<Value>,
}

/// The option labelled cheapest, else the lowest `converted` price.
fn cheapest(shipment: &Value) -> Option<String> {
    let options = shipment["options"].as_array()?;
    options
        .iter()
        .find(|o| {
            o["labels"]
                .as_array()
                .is_some_and(|l| l.iter().any(|x| *x == "cheapest"))
        })
        .or_else(|| {
            options.iter().min_by_key(|o| {
                Decimal::from_str(o["converted"]["amount"].as_str().unwrap_or(""))
                    .unwrap_or(Decimal::MAX)
            })
        })
        .map(|o| text(&o["id"]))
}

/// Everything up to the order: a ready order body, or why not.
async fn prepare(
    http: &Http,
    args: &Args,
    sku: &str,
    ip: &str,
    out: &mut Outcome,
) -> Result<Value, String> {
    let store = &args.store;
    let h = [("x-forwarded-for", ip)];
    let fail = |step: &str, r: &Reply| format!("{step} {} {}", r.status, code(&r.body));

    let cart = http
        .post(
            &format!("{store}/api/v1/carts?currency={CURRENCY}"),
            &json!({ "lines": [{ "sku": sku, "quantity": 1 }] }),
            &h,
        )
        .await
        .map_err(|e| format!("cart transport {e}"))?;
    out.prep.push(("cart", cart.took));
    if cart.status != 201 {
        return Err(fail("cart", &cart));
    }
    let cart_token = text(&cart.body["token"]);

    let quote = http
        .post(
            &format!("{store}/api/v1/shipping/quotes?currency={CURRENCY}"),
            &json!({
                "destination": { "country": COUNTRY, "postal_code": POSTAL_CODE },
                "cart_token": cart_token
            }),
            &h,
        )
        .await
        .map_err(|e| format!("quote transport {e}"))?;
    out.prep.push(("quote", quote.took));
    if quote.status != 201 {
        return Err(fail("quote", &quote));
    }
    let quote_id = text(&quote.body["id"]);
    let mut choices = Vec::new();
    for shipment in quote.body["shipments"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        let option = cheapest(&shipment).ok_or("quote: a shipment without options")?;
        choices.push(json!({ "shipment": shipment["id"], "option": option }));
    }
    if choices.is_empty() {
        return Err("quote: no shipment".into());
    }
    let choices = Value::Array(choices);

    let totals = http
        .post(
            &format!("{store}/api/v1/shipping/quotes/{quote_id}/totals"),
            &json!({ "choices": choices }),
            &h,
        )
        .await
        .map_err(|e| format!("totals transport {e}"))?;
    out.prep.push(("totals", totals.took));
    if totals.status != 200 {
        return Err(fail("totals", &totals));
    }

    let token = http
        .post(
            &format!("{}/tokens", args.payment),
            &json!({ "method": "card", "number": CARD, "expiry": "12/34", "cvc": "123" }),
            // The buyer's browser posts the card from the same address as its orders.
            &h,
        )
        .await
        .map_err(|e| format!("token transport {e}"))?;
    out.prep.push(("token", token.took));
    if token.status != 201 || token.body["challenge"] != false {
        return Err(format!("token {} {}", token.status, token.body));
    }

    let charge = &totals.body["charge"];
    let mut body = json!({
        "cart_token": cart_token,
        "email": format!("buyer-{}@example.com", ip.replace('.', "-")),
        "address": address(),
        "shipping_quote_id": quote_id,
        "choices": choices,
        "payment_token": token.body["token"],
        "expected_total": charge["amount"],
    });
    if let Some(id) = charge["fx_quote_id"].as_str() {
        body["fx_quote_id"] = json!(id);
    }
    out.charged = Some(charge["amount"].clone());
    Ok(body)
}

async fn buyer(
    http: Http,
    args: Arc<Args>,
    sku: Arc<String>,
    i: usize,
    run: String,
    barrier: Arc<Barrier>,
) -> Outcome {
    let n = i + 1;
    let ip = format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255);
    let mut out = Outcome::default();
    let prepared = prepare(&http, &args, &sku, &ip, &mut out).await;
    // Every buyer reaches the barrier once, ready or not, so the orders go out together.
    barrier.wait().await;
    let body = match prepared {
        Ok(body) => body,
        Err(why) => {
            out.prep_failure = Some(why);
            return out;
        }
    };
    let key = format!("load-{run}-{n}");
    let started = Instant::now();
    let reply = http
        .post(
            &format!("{}/api/v1/orders", args.store),
            &body,
            &[
                ("idempotency-key", key.as_str()),
                ("x-forwarded-for", ip.as_str()),
            ],
        )
        .await;
    out.order_latency = Some(started.elapsed());
    match reply {
        Ok(r) => {
            out.order_status = Some(r.status);
            out.order_code = code(&r.body);
            if r.status == 201 {
                out.placed = Some((
                    text(&r.body["number"]),
                    text(&r.body["access_key"]),
                    ip.clone(),
                ));
                if r.body["totals"]["charged"] != out.charged.clone().unwrap_or(Value::Null) {
                    out.order_code = format!("charged {} != expected", r.body["totals"]["charged"]);
                }
            }
        }
        Err(e) => out.transport_error = Some(e),
    }
    out
}

/// Nearest-rank percentile of sorted durations, in milliseconds.
fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    let idx = rank.clamp(1, sorted.len()) - 1;
    sorted[idx].as_secs_f64() * 1000.0
}

fn summary(label: &str, mut times: Vec<Duration>) -> String {
    times.sort();
    format!(
        "{label}: n={} p50={:.1} ms p99={:.1} ms max={:.1} ms",
        times.len(),
        percentile(&times, 50.0),
        percentile(&times, 99.0),
        times.last().map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
    )
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(why) => return usage(&why),
    };
    match run(args).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(why) => {
            eprintln!("checkout_load: {why}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<bool, String> {
    let http = Http::new(args.concurrency + 8)?;
    let store = args.store.clone();

    let target = match (&args.sku, &args.slug) {
        (Some(sku), Some(slug)) => {
            let (stock, title) = variant_stock(&http, &store, slug, sku).await?;
            Target {
                slug: slug.clone(),
                sku: sku.clone(),
                stock,
                title,
            }
        }
        _ => pick(&http, &store).await?,
    };
    if args.pick_only {
        println!("slug={}", target.slug);
        println!("sku={}", target.sku);
        println!("stock={}", target.stock);
        println!("word={}", search_word(&target.title));
        return Ok(true);
    }
    let n = target.stock;
    if let Some(expected) = args.expect_stock {
        if expected != n {
            return Err(format!(
                "the API shows stock {n} for {}, expected {expected}",
                target.sku
            ));
        }
    }
    let c = args.concurrency;
    println!(
        "checkout storm: C={c} buyers for {} ({} / \"{}\"), stock N={n}",
        target.sku, target.slug, target.title
    );

    let run_id = format!(
        "{:x}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis())
    );
    let barrier = Arc::new(Barrier::new(c));
    let shared = Arc::new(args.clone());
    let sku = Arc::new(target.sku.clone());
    let wall = Instant::now();
    let mut tasks = Vec::with_capacity(c);
    for i in 0..c {
        tasks.push(tokio::spawn(buyer(
            http.clone(),
            shared.clone(),
            sku.clone(),
            i,
            run_id.clone(),
            barrier.clone(),
        )));
    }
    let mut outcomes = Vec::with_capacity(c);
    for task in tasks {
        outcomes.push(task.await.map_err(|e| format!("a buyer panicked: {e}"))?);
    }
    let wall_time = wall.elapsed();

    // Figures.
    let mut statuses: BTreeMap<String, usize> = BTreeMap::new();
    let mut prep_failures: BTreeMap<String, usize> = BTreeMap::new();
    let mut prep_times: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
    let mut order_times = Vec::new();
    let mut created = 0usize;
    let mut insufficient = 0usize;
    let mut server_errors = 0usize;
    let mut transport = 0usize;
    let mut wrong_charge = 0usize;
    for o in &outcomes {
        for (step, took) in &o.prep {
            prep_times.entry(*step).or_default().push(*took);
        }
        if let Some(why) = &o.prep_failure {
            *prep_failures.entry(why.clone()).or_default() += 1;
            if why
                .split(' ')
                .nth(1)
                .and_then(|s| s.parse::<u16>().ok())
                .is_some_and(|s| s >= 500)
            {
                server_errors += 1;
            }
            continue;
        }
        if let Some(t) = o.order_latency {
            order_times.push(t);
        }
        if let Some(e) = &o.transport_error {
            transport += 1;
            *statuses
                .entry(format!("transport error ({e})"))
                .or_default() += 1;
            continue;
        }
        let status = o.order_status.unwrap_or(0);
        *statuses
            .entry(format!("{status} {}", o.order_code))
            .or_default() += 1;
        match status {
            201 => created += 1,
            409 if o.order_code == "insufficient_stock" => insufficient += 1,
            s if s >= 500 => server_errors += 1,
            _ => {}
        }
        if status == 201 && o.order_code.starts_with("charged") {
            wrong_charge += 1;
        }
    }
    let ready = c - prep_failures.values().sum::<usize>();
    let expect_sold = u64::try_from(ready).unwrap_or(u64::MAX).min(n);

    println!("C (buyers)               {c}");
    println!("N (stock before)         {n}");
    println!("reached the order step   {ready}");
    for (step, times) in prep_times {
        println!("  {}", summary(step, times));
    }
    for (why, count) in &prep_failures {
        println!("  prep failure x{count}: {why}");
    }
    println!("orders 201               {created}");
    println!("orders 409 insufficient  {insufficient}");
    println!("POST /orders statuses:");
    for (status, count) in &statuses {
        println!("  {status}: {count}");
    }
    println!("5xx                      {server_errors}");
    println!("transport errors         {transport}");
    println!(
        "{}",
        summary("order latency (POST /api/v1/orders)", order_times)
    );
    println!("wall time                {:.2} s", wall_time.as_secs_f64());

    // What the API says afterwards.
    let (left, _) = variant_stock(&http, &store, &target.slug, &target.sku).await?;
    println!("stock after (API)        {left}");
    let mut unreadable = 0usize;
    for o in &outcomes {
        if let Some((number, key, ip)) = &o.placed {
            let r = http
                .get(
                    &format!("{store}/api/v1/orders/{number}?key={key}"),
                    &[("x-forwarded-for", ip.as_str())],
                )
                .await?;
            let has_line = r.body["lines"].as_array().is_some_and(|l| {
                l.iter()
                    .any(|x| x["sku"] == target.sku.as_str() && x["quantity"] == 1)
            });
            if r.status != 200 || !has_line {
                unreadable += 1;
            }
        }
    }
    println!(
        "orders read back         {} of {created} ok",
        created - unreadable
    );

    let mut ok = true;
    let mut fail = |why: String| {
        println!("FAIL: {why}");
        ok = false;
    };
    let created_u = u64::try_from(created).unwrap_or(u64::MAX);
    if created_u != expect_sold {
        fail(format!("{created} orders placed, expected {expect_sold}"));
    }
    if created_u > n {
        fail(format!("OVERSOLD: {created} orders for {n} units"));
    }
    if server_errors > 0 {
        fail(format!("{server_errors} answers were 5xx"));
    }
    if transport > 0 {
        fail(format!("{transport} orders got no answer"));
    }
    if !prep_failures.is_empty() {
        fail(format!(
            "{} buyers could not reach the order step",
            c - ready
        ));
    }
    if u64::try_from(ready).unwrap_or(0) > n && insufficient + created != ready {
        fail(format!(
            "{} order answers were neither 201 nor 409 insufficient_stock",
            ready - insufficient - created
        ));
    }
    if left != n - created_u.min(n) {
        fail(format!(
            "stock after is {left}, expected {}",
            n - created_u.min(n)
        ));
    }
    if wrong_charge > 0 {
        fail(format!(
            "{wrong_charge} orders charged other than their expected total"
        ));
    }
    if unreadable > 0 {
        fail(format!("{unreadable} placed orders could not be read back"));
    }
    println!("{}", if ok { "RESULT: ok" } else { "RESULT: FAILED" });
    Ok(ok)
}
