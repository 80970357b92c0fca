//! Turkish.
use super::Num;
use crate::i18n::Msg;
use std::borrow::Cow;

pub fn text(msg: Msg, n: Num) -> Cow<'static, str> {
    match msg {
        Msg::StoreName => "Crossroads Market".into(),
        Msg::SkipToContent => "İçeriğe geç".into(),
        Msg::HomeHeading => "Dünyanın dört bir yanındaki satıcılardan yeni ürünler".into(),
        Msg::HomeIntro => "Fiyatlar her satıcının kendi para biriminde gösterilir.".into(),
        Msg::ProductsListLabel => "Ürünler".into(),
        Msg::Loading => "Ürünler yükleniyor…".into(),
        Msg::UnreachableTitle => "Şu anda mağazaya ulaşamıyoruz".into(),
        Msg::UnreachableBody => {
            "Bağlantınızı kontrol edip tekrar deneyin. Burada yaptıklarınız kaybolmadı.".into()
        }
        Msg::ServerErrorTitle => "Bizim tarafımızda bir sorun oluştu".into(),
        Msg::ServerErrorBody => "Lütfen biraz sonra tekrar deneyin.".into(),
        Msg::Retry => "Tekrar dene".into(),
        Msg::EmptyCatalog => "Burada henüz ürün yok.".into(),
        Msg::Pagination => "Sayfalar".into(),
        Msg::PreviousPage => "Önceki sayfa".into(),
        Msg::NextPage => "Sonraki sayfa".into(),
        Msg::NotFoundTitle => "Sayfa bulunamadı".into(),
        Msg::NotFoundBody => "Aradığınız sayfayı bulamadık.".into(),
        Msg::BackToShop => "Mağazaya dön".into(),
        Msg::Language => "Dil".into(),
        Msg::PageOf { page, total } => {
            format!("Sayfa {} / {}", n(page.into()), n(total.into())).into()
        }
        Msg::ProductCount { count } => {
            let text: String = format!("{} ürün", n(count));
            text.into()
        }
    }
}
