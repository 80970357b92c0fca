//! Indonesian.
use super::Num;
use crate::i18n::Msg;
use std::borrow::Cow;

pub fn text(msg: Msg, n: Num) -> Cow<'static, str> {
    match msg {
        Msg::StoreName => "Crossroads Market".into(),
        Msg::SkipToContent => "Lewati ke konten".into(),
        Msg::HomeHeading => "Produk baru dari penjual di seluruh dunia".into(),
        Msg::HomeIntro => "Harga ditampilkan dalam mata uang masing-masing penjual.".into(),
        Msg::ProductsListLabel => "Produk".into(),
        Msg::Loading => "Memuat produk…".into(),
        Msg::UnreachableTitle => "Saat ini kami tidak dapat terhubung ke toko".into(),
        Msg::UnreachableBody => "Periksa koneksi Anda, lalu coba lagi. Tidak ada yang hilang dari yang sudah Anda lakukan.".into(),
        Msg::ServerErrorTitle => "Terjadi kesalahan di pihak kami".into(),
        Msg::ServerErrorBody => "Silakan coba lagi sebentar lagi.".into(),
        Msg::Retry => "Coba lagi".into(),
        Msg::EmptyCatalog => "Belum ada produk di sini.".into(),
        Msg::Pagination => "Halaman".into(),
        Msg::PreviousPage => "Halaman sebelumnya".into(),
        Msg::NextPage => "Halaman berikutnya".into(),
        Msg::NotFoundTitle => "Halaman tidak ditemukan".into(),
        Msg::NotFoundBody => "Kami tidak dapat menemukan halaman yang Anda cari.".into(),
        Msg::BackToShop => "Kembali ke toko".into(),
        Msg::Language => "Bahasa".into(),
        Msg::PageOf { page, total } => format!("Halaman {} dari {}", n(page.into()), n(total.into())).into(),
        Msg::ProductCount { count } => {
            let text: String = format!("{} produk", n(count));
            text.into()
        }
    }
}
