//! Spanish.
use super::Num;
use crate::i18n::Msg;
use crate::i18n::{plural, Locale, PluralCategory};
use std::borrow::Cow;

pub fn text(msg: Msg, n: Num) -> Cow<'static, str> {
    match msg {
        Msg::StoreName => "Crossroads Market".into(),
        Msg::SkipToContent => "Saltar al contenido".into(),
        Msg::HomeHeading => "Novedades de vendedores de todo el mundo".into(),
        Msg::HomeIntro => "Los precios se muestran en la moneda de cada vendedor.".into(),
        Msg::ProductsListLabel => "Productos".into(),
        Msg::Loading => "Cargando productos…".into(),
        Msg::UnreachableTitle => "No podemos conectar con la tienda en este momento".into(),
        Msg::UnreachableBody => {
            "Comprueba tu conexión e inténtalo de nuevo. No se ha perdido nada de lo que hiciste."
                .into()
        }
        Msg::ServerErrorTitle => "Algo ha fallado por nuestra parte".into(),
        Msg::ServerErrorBody => "Inténtalo de nuevo en un momento.".into(),
        Msg::Retry => "Reintentar".into(),
        Msg::EmptyCatalog => "Todavía no hay productos aquí.".into(),
        Msg::Pagination => "Páginas".into(),
        Msg::PreviousPage => "Página anterior".into(),
        Msg::NextPage => "Página siguiente".into(),
        Msg::NotFoundTitle => "Página no encontrada".into(),
        Msg::NotFoundBody => "No encontramos la página que buscabas.".into(),
        Msg::BackToShop => "Volver a la tienda".into(),
        Msg::Language => "Idioma".into(),
        Msg::PageOf { page, total } => {
            format!("Página {} de {}", n(page.into()), n(total.into())).into()
        }
        Msg::ProductCount { count } => {
            let text: String = match plural(Locale::Es, count) {
                PluralCategory::One => format!("{} producto", n(count)),
                PluralCategory::Many => format!("{} de productos", n(count)),
                PluralCategory::Zero
                | PluralCategory::Two
                | PluralCategory::Few
                | PluralCategory::Other => format!("{} productos", n(count)),
            };
            text.into()
        }
    }
}
