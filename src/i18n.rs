//! Every string the payer reads, in English and Russian.

use crate::error::ApiError;
use getcrypto_api::{Amount, Language};

/// Declares a struct of texts and a list of its fields, so that a test can
/// compare the two languages text by text and a new text cannot be left out.
macro_rules! texts {
    ($(#[$doc:meta])* $name:ident { $($field:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, PartialEq)]
        pub struct $name {
            $(pub $field: &'static str,)*
        }

        impl $name {
            /// Every text with its field's name.
            pub fn all(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($field), self.$field)),*]
            }
        }
    };
}

texts! {
    /// The first view's texts in one language, and those both views share.
    Texts {
        loading,
        order,
        choose_coin,
        choose_network,
        network,
        change,
        creating,
        retry,
        init_failed,
        load_failed,
        preparing,
        payment_unavailable,
        payment_unavailable_body,
        create_failed,
        offline,
        timeout,
        unauthorized,
        unexpected_answer,
        not_found,
        nothing_to_pay,
    }
}

texts! {
    /// The payment phase's own texts in one language: only the payment
    /// chunk reads them, so they travel in it.
    PaymentTexts {
        send_exactly,
        address,
        amount,
        copy,
        copied,
        copy_failed,
        copy_address,
        copy_amount,
        time_left,
        hurry,
        waiting,
        scan,
        open_in_wallet,
        pay_with_wallet,
        browser_wallet,
        wallet_confirm,
        wallet_cancelled,
        wallet_sent,
        wallet_failed,
        copy_hash,
        qr_label,
        paid_title,
        return_to_store,
        return_now,
        expired_title,
        expired_body,
        copy_invoice,
        invoice,
        poll_failed,
    }
}

/// English.
pub const EN: Texts = Texts {
    loading: "Loading payment options…",
    order: "Order",
    choose_coin: "Choose a cryptocurrency",
    choose_network: "Choose the network",
    network: "Network",
    change: "Change",
    creating: "Creating the invoice…",
    retry: "Try again",
    init_failed: "The payment form is not set up correctly",
    load_failed: "The payment form could not be loaded.",
    preparing: "Preparing the payment details…",
    payment_unavailable: "The payment details could not be loaded.",
    payment_unavailable_body: "Your invoice is created and kept: trying again shows it, and no second invoice is made.",
    create_failed: "The invoice could not be created.",
    offline: "No connection to the payment service. Check your internet connection and try again.",
    timeout: "The payment service did not answer in time. Please try again.",
    unauthorized: "The store's payment settings were rejected. Please contact the store.",
    unexpected_answer: "The payment service sent an answer this form cannot read.",
    not_found: "The payment service does not know this address.",
    nothing_to_pay: "This store offers no way to pay in cryptocurrency right now.",
};

/// English, for the payment phase.
pub const PAY_EN: PaymentTexts = PaymentTexts {
    send_exactly: "Send exactly",
    address: "Address",
    amount: "Amount",
    copy: "Copy",
    copied: "Copied",
    copy_failed: "Copy failed: select the text and copy it by hand",
    copy_address: "Copy the address",
    copy_amount: "Copy the amount",
    time_left: "Time left",
    hurry: "Only a few minutes left: send the payment now, or it may arrive after the invoice expires.",
    waiting: "Waiting for your payment",
    scan: "Scan with your wallet app",
    open_in_wallet: "Open in wallet",
    pay_with_wallet: "Or pay from a wallet in this browser",
    browser_wallet: "Browser wallet",
    wallet_confirm: "Confirm the payment in your wallet.",
    wallet_cancelled: "You cancelled in your wallet.",
    wallet_sent: "Sent from your wallet. The payment shows here once the network sees it. Transaction:",
    wallet_failed: "The wallet could not send the payment:",
    copy_hash: "Copy the transaction",
    qr_label: "QR code for the payment",
    paid_title: "Payment received",
    return_to_store: "Return to the store",
    return_now: "Return to the store now",
    expired_title: "The invoice has expired",
    expired_body: "The time to pay this invoice has run out. Do not send coins to its address. If you sent a payment after it expired, contact the store and give them this invoice's number: the payment is found by it.",
    copy_invoice: "Copy the invoice number",
    invoice: "Invoice",
    poll_failed: "Could not check the payment status. Retrying…",
};

/// Russian.
pub const RU: Texts = Texts {
    loading: "Загружаем способы оплаты…",
    order: "Заказ",
    choose_coin: "Выберите криптовалюту",
    choose_network: "Выберите сеть",
    network: "Сеть",
    change: "Изменить",
    creating: "Создаём счёт…",
    retry: "Повторить",
    init_failed: "Форма оплаты настроена неверно",
    load_failed: "Не удалось загрузить форму оплаты.",
    preparing: "Готовим реквизиты для оплаты…",
    payment_unavailable: "Не удалось загрузить реквизиты для оплаты.",
    payment_unavailable_body: "Счёт создан и сохранён: повторная попытка покажет его, второй счёт не создаётся.",
    create_failed: "Не удалось создать счёт.",
    offline: "Нет связи с платёжным сервисом. Проверьте подключение к интернету и повторите.",
    timeout: "Платёжный сервис не ответил вовремя. Повторите попытку.",
    unauthorized: "Платёжные настройки магазина отклонены. Свяжитесь с магазином.",
    unexpected_answer: "Платёжный сервис прислал ответ, который форма не может прочитать.",
    not_found: "Платёжный сервис не знает этот адрес.",
    nothing_to_pay: "Магазин сейчас не принимает оплату в криптовалюте.",
};

/// Russian, for the payment phase.
pub const PAY_RU: PaymentTexts = PaymentTexts {
    send_exactly: "Отправьте ровно",
    address: "Адрес",
    amount: "Сумма",
    copy: "Копировать",
    copied: "Скопировано",
    copy_failed: "Не удалось скопировать: выделите текст и скопируйте вручную",
    copy_address: "Копировать адрес",
    copy_amount: "Копировать сумму",
    time_left: "Осталось",
    hurry: "Осталось несколько минут: отправьте платёж сейчас, иначе он может прийти после истечения счёта.",
    waiting: "Ожидаем ваш платёж",
    scan: "Отсканируйте в приложении кошелька",
    open_in_wallet: "Открыть в кошельке",
    pay_with_wallet: "Или оплатите из кошелька в этом браузере",
    browser_wallet: "Кошелёк в браузере",
    wallet_confirm: "Подтвердите платёж в кошельке.",
    wallet_cancelled: "Вы отменили платёж в кошельке.",
    wallet_sent: "Отправлено из кошелька. Платёж появится здесь, когда его увидит сеть. Транзакция:",
    wallet_failed: "Кошелёк не смог отправить платёж:",
    copy_hash: "Копировать транзакцию",
    qr_label: "QR-код для оплаты",
    paid_title: "Оплата получена",
    return_to_store: "Вернуться в магазин",
    return_now: "Вернуться в магазин сейчас",
    expired_title: "Время счёта истекло",
    expired_body: "Время на оплату этого счёта истекло. Не отправляйте монеты на его адрес. Если вы отправили платёж после окончания срока, свяжитесь с магазином и сообщите номер этого счёта: по нему платёж найдут.",
    copy_invoice: "Копировать номер счёта",
    invoice: "Счёт",
    poll_failed: "Не удалось проверить статус оплаты. Пробуем снова…",
};

/// The texts of `lang`.
pub fn texts(lang: Language) -> &'static Texts {
    match lang {
        Language::En => &EN,
        Language::Ru => &RU,
    }
}

/// The payment phase's texts of `lang`.
pub fn payment_texts(lang: Language) -> &'static PaymentTexts {
    match lang {
        Language::En => &PAY_EN,
        Language::Ru => &PAY_RU,
    }
}

/// What the payer reads about a failed call.
pub fn describe(lang: Language, error: &ApiError) -> String {
    let t = texts(lang);
    match error {
        ApiError::Offline => t.offline.to_owned(),
        ApiError::Timeout => t.timeout.to_owned(),
        ApiError::Unauthorized => t.unauthorized.to_owned(),
        ApiError::RateLimited { retry_after } => rate_limited(lang, *retry_after),
        ApiError::Rejected { status: 404, message } if message.is_empty() => t.not_found.to_owned(),
        ApiError::Rejected { message, status } if message.is_empty() => server_error(lang, *status),
        ApiError::Rejected { message, .. } | ApiError::Invalid(message) => message.clone(),
        ApiError::Server(code) => server_error(lang, *code),
        ApiError::Unreadable => t.unexpected_answer.to_owned(),
        ApiError::Aborted => String::new(),
    }
}

/// Groups and punctuates an amount for reading in `language`, keeping every
/// digit: `1234.000451` is `1,234.000451` in English and `1 234,000451`
/// (with no-break spaces) in Russian.
pub fn format_amount(amount: &Amount, language: Language) -> String {
    let (group, point) = match language {
        Language::En => (',', '.'),
        Language::Ru => ('\u{a0}', ','),
    };
    let (int, frac) = amount.as_str().split_once('.').unwrap_or((amount.as_str(), ""));
    let mut out = String::with_capacity(int.len() * 2 + frac.len() + 1);
    // Russian leaves four-digit numbers ungrouped.
    let grouped = int.len() > 4 || (int.len() == 4 && language == Language::En);
    for (i, c) in int.chars().enumerate() {
        if grouped && i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// `11.944214 USDT`, punctuated for the language.
pub fn money(lang: Language, amount: &Amount, unit: &str) -> String {
    format!("{}\u{a0}{}", format_amount(amount, lang), unit)
}

/// The confirm button: `Pay 11.944214 USDT`.
pub fn pay_button(lang: Language, amount: &Amount, coin: &str) -> String {
    match lang {
        Language::En => format!("Pay {}", money(lang, amount, coin)),
        Language::Ru => format!("Оплатить {}", money(lang, amount, coin)),
    }
}

/// The warning beside the chosen network.
pub fn network_warning(lang: Language, coin: &str, network: &str) -> String {
    match lang {
        Language::En => format!("Send {coin} only on the {network} network. Coins sent on any other network are lost."),
        Language::Ru => {
            format!("Отправляйте {coin} только в сети {network}. Монеты, отправленные в другой сети, будут потеряны.")
        }
    }
}

/// Progress of a payment that has arrived.
pub fn confirmations(lang: Language, n: u32, m: u32) -> String {
    match lang {
        Language::En => format!("Payment received. Waiting for confirmations: {n} of {m}"),
        Language::Ru => format!("Платёж получен. Ждём подтверждений: {n} из {m}"),
    }
}

/// What an underpaid invoice still needs.
pub fn underpaid(lang: Language, paid: &str, due: &str) -> String {
    match lang {
        Language::En => {
            format!("Received {paid}. Still due: {due}. Send the rest to the same address.")
        }
        Language::Ru => {
            format!("Получено {paid}. Осталось оплатить {due}. Отправьте остаток на тот же адрес.")
        }
    }
}

/// An invoice that expired with part of its amount paid.
pub fn expired_partly_paid(lang: Language, paid: &str, total: &str) -> String {
    match lang {
        Language::En => format!(
            "{paid} of {total} arrived before it expired. Do not send the rest to its address: contact the store and give them this invoice's number to settle the payment."
        ),
        Language::Ru => format!(
            "До окончания срока поступило {paid} из {total}. Не отправляйте остаток на этот адрес: свяжитесь с магазином и сообщите номер этого счёта, чтобы урегулировать платёж."
        ),
    }
}

/// The one way on from an expired invoice: a new one, in the same coin and
/// network when they are still offered.
pub fn renew(lang: Language, same: Option<(&str, &str)>) -> String {
    // BTC on BTC is named once.
    let pair =
        same.map(|(coin, network)| if coin == network { coin.to_owned() } else { format!("{coin} ({network})") });
    match (lang, pair) {
        (Language::En, Some(pair)) => format!("Start a new invoice in {pair}"),
        (Language::En, None) => "Start a new invoice".to_owned(),
        (Language::Ru, Some(pair)) => format!("Создать новый счёт в {pair}"),
        (Language::Ru, None) => "Создать новый счёт".to_owned(),
    }
}

/// After a payment is confirmed.
pub fn paid_body(lang: Language, order: &str) -> String {
    match lang {
        Language::En => format!("Thank you! Your payment for order {order} is confirmed."),
        Language::Ru => format!("Спасибо! Оплата заказа {order} подтверждена."),
    }
}

/// A wrong `init` parameter, named (the detail stays in the rules' words).
pub fn bad_param(lang: Language, param: &str) -> String {
    match lang {
        Language::En => format!("The parameter {param} is wrong."),
        Language::Ru => format!("Параметр {param} задан неверно. Подробности для разработчика магазина:"),
    }
}

/// The move back to the store after a payment.
pub fn returning(lang: Language, seconds: u32) -> String {
    match lang {
        Language::En => format!("Returning you to the store in {seconds} s."),
        Language::Ru => format!("Возвращаем в магазин через {seconds} с."),
    }
}

/// A status this widget does not know, shown as such.
pub fn unknown_status(lang: Language, status: &str) -> String {
    match lang {
        Language::En => {
            format!("Invoice status: “{status}”. This form does not know this status; contact the store if in doubt.")
        }
        Language::Ru => {
            format!("Статус счёта: «{status}». Форма не знает этот статус; если сомневаетесь, свяжитесь с магазином.")
        }
    }
}

/// A 429: how long the form waits before asking again.
pub fn rate_limited(lang: Language, seconds: u32) -> String {
    match lang {
        Language::En => format!("The payment service is busy. Trying again in {seconds} s."),
        Language::Ru => format!("Платёжный сервис перегружен. Повторим через {seconds} с."),
    }
}

/// Any other failing answer.
pub fn server_error(lang: Language, code: u16) -> String {
    match lang {
        Language::En => {
            format!("The payment service answered with an error ({code}). Please try again.")
        }
        Language::Ru => format!("Платёжный сервис ответил ошибкой ({code}). Повторите попытку."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use getcrypto_api::fixtures::amount as a;

    #[test]
    fn amounts_follow_the_language_and_keep_digits() {
        assert_eq!(format_amount(&a("0.000451"), Language::En), "0.000451");
        assert_eq!(format_amount(&a("0.000451"), Language::Ru), "0,000451");
        assert_eq!(format_amount(&a("1234.5"), Language::En), "1,234.5");
        assert_eq!(format_amount(&a("1234.5"), Language::Ru), "1234,5");
        assert_eq!(format_amount(&a("1234567.000451"), Language::En), "1,234,567.000451");
        assert_eq!(format_amount(&a("1234567"), Language::Ru), "1\u{a0}234\u{a0}567");
        assert_eq!(format_amount(&a("123"), Language::En), "123");
    }

    #[test]
    fn amounts_keep_their_digits_in_both_languages() {
        assert_eq!(pay_button(Language::En, &a("0.000451"), "BTC"), "Pay 0.000451\u{a0}BTC");
        assert_eq!(pay_button(Language::Ru, &a("0.000451"), "BTC"), "Оплатить 0,000451\u{a0}BTC");
        assert_eq!(money(Language::Ru, &a("11.944214"), "USDT"), "11,944214\u{a0}USDT");
    }

    /// Whether `text` has a Cyrillic letter: every Russian text does,
    /// since none of them is only a name or a number.
    fn cyrillic(text: &str) -> bool {
        text.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
    }

    #[test]
    fn a_new_invoice_names_its_coin_and_network_once_each() {
        assert_eq!(renew(Language::En, Some(("USDT", "TRC20"))), "Start a new invoice in USDT (TRC20)");
        assert_eq!(renew(Language::En, Some(("BTC", "BTC"))), "Start a new invoice in BTC");
        assert_eq!(renew(Language::Ru, None), "Создать новый счёт");
    }

    #[test]
    fn russian_texts_are_not_english() {
        let en = EN.all().into_iter().chain(PAY_EN.all()).collect::<Vec<_>>();
        let ru = RU.all().into_iter().chain(PAY_RU.all()).collect::<Vec<_>>();
        assert_eq!(en.len(), ru.len());
        for ((field, e), (_, r)) in en.iter().zip(&ru) {
            assert_ne!(e, r, "{field} is not translated");
            assert!(cyrillic(r), "{field} in Russian has no Russian: {r}");
            assert!(!cyrillic(e), "{field} in English has Russian: {e}");
        }
        assert_eq!(confirmations(Language::Ru, 1, 3), "Платёж получен. Ждём подтверждений: 1 из 3");
    }

    #[test]
    fn each_error_is_explained_in_the_payers_language() {
        use getcrypto_api::examples::INVOICE_NOT_FOUND_MESSAGE;
        let refused = ApiError::Rejected { status: 400, message: INVOICE_NOT_FOUND_MESSAGE.into() };
        assert_eq!(describe(Language::En, &refused), INVOICE_NOT_FOUND_MESSAGE);
        assert_eq!(describe(Language::En, &ApiError::Rejected { status: 404, message: String::new() }), EN.not_found);
        assert_eq!(
            describe(Language::Ru, &ApiError::Server(500)),
            "Платёжный сервис ответил ошибкой (500). Повторите попытку."
        );
        assert_eq!(
            describe(Language::En, &ApiError::RateLimited { retry_after: 3 }),
            "The payment service is busy. Trying again in 3 s."
        );
        assert_eq!(describe(Language::Ru, &ApiError::Offline), RU.offline);
    }
}
