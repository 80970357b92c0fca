//! The lines about a seller that its products' pages and its store page both show.

use crate::format::region_name;
use crate::i18n::{t, Locale, Msg};
use domain::{SellerCard, ShipsFrom};

/// "4.7 stars · 1,234 orders", in `l`.
pub(super) fn rating_and_orders(l: Locale, seller: &SellerCard) -> String {
    format!(
        "{} · {}",
        t(
            l,
            Msg::RatingLabel {
                tenths: (seller.rating * 10.0).round() as u32
            }
        ),
        t(
            l,
            Msg::SellerOrders {
                count: seller.order_count.into()
            }
        )
    )
}

/// One line per warehouse: "Shenzhen, China", marked when it is an overseas one.
pub(super) fn ships_from_lines(l: Locale, ships: &[ShipsFrom]) -> Vec<String> {
    ships
        .iter()
        .map(|w| {
            let mut line = format!("{}, {}", w.city, region_name(&w.country, l.tag()));
            if w.overseas {
                line.push_str(" · ");
                line.push_str(&t(l, Msg::OverseasWarehouse));
            }
            line
        })
        .collect()
}
