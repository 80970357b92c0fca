//! Malay.
use super::Num;
use crate::i18n::Msg;
use std::borrow::Cow;

pub fn text(msg: Msg, n: Num) -> Cow<'static, str> {
    match msg {
        Msg::StoreName => "Crossroads Market".into(),
        Msg::SkipToContent => "Langkau ke kandungan".into(),
        Msg::HomeHeading => "Produk baharu daripada penjual di seluruh dunia".into(),
        Msg::HomeIntro => "Harga dipaparkan dalam mata wang setiap penjual.".into(),
        Msg::ProductsListLabel => "Produk".into(),
        Msg::Loading => "Memuatkan produk…".into(),
        Msg::UnreachableTitle => "Kami tidak dapat menghubungi kedai sekarang".into(),
        Msg::UnreachableBody => "Semak sambungan anda, kemudian cuba lagi. Tiada apa-apa yang anda lakukan di sini hilang.".into(),
        Msg::ServerErrorTitle => "Berlaku masalah di pihak kami".into(),
        Msg::ServerErrorBody => "Sila cuba lagi sebentar lagi.".into(),
        Msg::Retry => "Cuba lagi".into(),
        Msg::EmptyCatalog => "Belum ada produk di sini.".into(),
        Msg::Pagination => "Halaman".into(),
        Msg::PreviousPage => "Halaman sebelumnya".into(),
        Msg::NextPage => "Halaman seterusnya".into(),
        Msg::NotFoundTitle => "Halaman tidak ditemui".into(),
        Msg::NotFoundBody => "Kami tidak dapat menemui halaman yang anda cari.".into(),
        Msg::BackToShop => "Kembali ke kedai".into(),
        Msg::Language => "Bahasa".into(),
        Msg::PageOf { page, total } => format!("Halaman {} daripada {}", n(page.into()), n(total.into())).into(),
        Msg::ProductCount { count } => {
            let text: String = format!("{} produk", n(count));
            text.into()
        }
    }
}
