//! Accepting a quote later (the checkout's totals, the order): the quote must not have
//! expired, must be for exactly the same lines, destination and currency, and every choice
//! must be one of the options it offered.

/// A canonical text of what was quoted: the lines sorted by SKU, the destination and the
/// buyer's currency. Two requests for the same thing give the same fingerprint.
pub fn fingerprint(
    lines: &[(String, u32)],
    country: &str,
    postal_code: Option<&str>,
    currency: &str,
) -> String {
    let mut lines: Vec<&(String, u32)> = lines.iter().collect();
    lines.sort();
    let mut out = format!("{country}|{}|{currency}", postal_code.unwrap_or(""));
    for (sku, quantity) in lines {
        out.push('|');
        out.push_str(sku);
        out.push('=');
        out.push_str(&quantity.to_string());
    }
    out
}

/// Why a quote cannot be accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The quote's time is up: quote again.
    Expired,
    /// The cart, destination or currency changed since the quote.
    Altered,
    /// No choice was made for this shipment.
    Missing(String),
    /// This shipment was not offered this option (or the shipment is unknown).
    NotOffered(String),
}

/// A stored quote as acceptance needs it.
#[derive(Debug, Clone)]
pub struct Offered {
    pub expires_at: i64,
    pub fingerprint: String,
    /// `(shipment id, option ids)`.
    pub shipments: Vec<(String, Vec<String>)>,
}

/// Checks `choices` (`(shipment id, option id)`) against the quote at time `now`.
pub fn accept(
    offered: &Offered,
    now: i64,
    fingerprint: &str,
    choices: &[(String, String)],
) -> Result<(), Refusal> {
    if now >= offered.expires_at {
        return Err(Refusal::Expired);
    }
    if fingerprint != offered.fingerprint {
        return Err(Refusal::Altered);
    }
    for (shipment, _) in choices {
        if !offered.shipments.iter().any(|(s, _)| s == shipment) {
            return Err(Refusal::NotOffered(shipment.clone()));
        }
    }
    for (shipment, options) in &offered.shipments {
        match choices.iter().find(|(s, _)| s == shipment) {
            None => return Err(Refusal::Missing(shipment.clone())),
            Some((_, option)) if !options.contains(option) => {
                return Err(Refusal::NotOffered(shipment.clone()))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offered() -> Offered {
        Offered {
            expires_at: 1_000,
            fingerprint: fingerprint(&[("B".into(), 2), ("A".into(), 1)], "CL", None, "CLP"),
            shipments: vec![("s1".into(), vec!["r1".into(), "r2".into()])],
        }
    }

    #[test]
    fn a_quote_is_accepted_before_it_expires_and_refused_from_its_expiry_on() {
        let fp = fingerprint(&[("A".into(), 1), ("B".into(), 2)], "CL", None, "CLP");
        let choice = [("s1".to_owned(), "r2".to_owned())];
        assert_eq!(accept(&offered(), 999, &fp, &choice), Ok(()));
        assert_eq!(
            accept(&offered(), 1_000, &fp, &choice),
            Err(Refusal::Expired)
        );
    }

    #[test]
    fn an_altered_cart_or_an_option_not_offered_is_refused() {
        let more = fingerprint(&[("A".into(), 1), ("B".into(), 3)], "CL", None, "CLP");
        let choice = [("s1".to_owned(), "r1".to_owned())];
        assert_eq!(accept(&offered(), 1, &more, &choice), Err(Refusal::Altered));
        let fp = offered().fingerprint;
        let other = [("s1".to_owned(), "r9".to_owned())];
        assert_eq!(
            accept(&offered(), 1, &fp, &other),
            Err(Refusal::NotOffered("s1".into()))
        );
        assert_eq!(
            accept(&offered(), 1, &fp, &[]),
            Err(Refusal::Missing("s1".into()))
        );
    }
}
