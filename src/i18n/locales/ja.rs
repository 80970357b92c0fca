//! Japanese.
use super::Num;
use crate::i18n::Msg;
use std::borrow::Cow;

pub fn text(msg: Msg, n: Num) -> Cow<'static, str> {
    match msg {
        Msg::StoreName => "Crossroads Market".into(),
        Msg::SkipToContent => "本文へスキップ".into(),
        Msg::HomeHeading => "世界中の出品者から届いた新着商品".into(),
        Msg::HomeIntro => "価格は各出品者の通貨で表示されています。".into(),
        Msg::ProductsListLabel => "商品".into(),
        Msg::Loading => "商品を読み込み中…".into(),
        Msg::UnreachableTitle => "現在ストアに接続できません".into(),
        Msg::UnreachableBody => {
            "接続を確認してから、もう一度お試しください。ここでの操作は失われていません。".into()
        }
        Msg::ServerErrorTitle => "サーバー側で問題が発生しました".into(),
        Msg::ServerErrorBody => "しばらくしてからもう一度お試しください。".into(),
        Msg::Retry => "再試行".into(),
        Msg::EmptyCatalog => "まだ商品がありません。".into(),
        Msg::Pagination => "ページ".into(),
        Msg::PreviousPage => "前のページ".into(),
        Msg::NextPage => "次のページ".into(),
        Msg::NotFoundTitle => "ページが見つかりません".into(),
        Msg::NotFoundBody => "お探しのページは見つかりませんでした。".into(),
        Msg::BackToShop => "ショップに戻る".into(),
        Msg::Language => "言語".into(),
        Msg::PageOf { page, total } => {
            format!("{} / {} ページ", n(page.into()), n(total.into())).into()
        }
        Msg::ProductCount { count } => {
            let text: String = format!("{} 件の商品", n(count));
            text.into()
        }
    }
}
