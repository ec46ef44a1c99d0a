//! The organiser's recipients: the region picker and one card per
//! recipient, each with its own copy, email and print buttons.

use super::fields::field_id;
use super::form::{Action, Form};
use crate::letter::Letter;
use crate::recipients::{tel_href, Recipient, RecipientList};
use crate::strings::fill;
use leptos::prelude::*;

/// The organiser's recipients: the reader picks their region, then writes
/// to each of its recipients in turn, marking each as sent.
///
/// Built once per region (so focus stays put while the reader works down
/// the list): only the "sent" boxes and the current recipient's mark follow
/// state.
#[component]
pub(super) fn Recipients(
    /// What the form shares.
    form: Form,
) -> impl IntoView {
    let (s, session) = (form.s, form.session);
    // "Go to Recipient" (a blank still empty) lands on the region picker.
    let id = session
        .letter
        .with_untracked(Letter::recipient_field)
        .map_or_else(|| "lw-region".to_owned(), field_id);
    let (options, date) = form.list.with_value(|list| {
        let list = list.as_ref();
        let options = list
            .map(RecipientList::groups)
            .unwrap_or_default()
            .into_iter()
            .map(|(g, name)| {
                let chosen = session.region.with_untracked(|r| r.as_ref() == Some(&g));
                view! { <option value=g selected=chosen>{name}</option> }
            })
            .collect_view();
        let date = list
            .and_then(|l| l.data_date.as_deref())
            .map(|d| fill(s.list_date(), &[("date", d)]));
        (options, date)
    });
    let people = move || {
        form.group(session.region.get())
            .into_iter()
            .map(|r| recipient_card(form, r))
            .collect_view()
    };
    view! {
        <fieldset class="lw-recipients">
            <legend>{s.recipients_heading()}</legend>
            <label for=id.clone()>{s.region_label()}</label>
            <select id=id on:change=move |ev| {
                let g = event_target_value(&ev);
                form.pick_region((!g.is_empty()).then_some(g), false);
            }>
                <option value="">{s.choose_region()}</option>
                {options}
            </select>
            <p class="lw-hint">{date}</p>
            <ul class="lw-people">{people}</ul>
        </fieldset>
    }
}

/// One recipient: who they are, their phone, the ways to send them the
/// letter, and whether it is sent.
fn recipient_card(form: Form, r: Recipient) -> impl IntoView {
    let (s, session) = (form.s, form.session);
    let who = |text: &str| fill(text, &[("who", &r.greeting)]);
    // One handler type for every button: make `r` current, then act.
    let act = |action: Action| {
        let r = r.clone();
        move |_| {
            form.choose(Some(r.clone()));
            form.request(action);
        }
    };
    let (open, copy) = (who(s.copy_open()), who(s.copy_for()));
    let primary = if r.contact_form().is_some() {
        open
    } else {
        copy
    };
    // Absent details are hidden rather than left out: one view type for
    // every recipient costs the widget less.
    let phone = r.phone.clone().unwrap_or_default();
    let tel = tel_href(&phone);
    let (id, id2, id3) = (r.id.clone(), r.id.clone(), r.id.clone());
    let own_words = form.config.with_value(|c| c.own_words);
    let kind = copy_kind(form, &r.id, own_words);
    let current = move || {
        form.current
            .with(|c| c.as_ref() == Some(&id))
            .then_some("true")
    };
    let sent = move || session.sent.with(|sent| sent.contains(&id2));
    let mark = move |ev| {
        let personal = own_words && session.own_words().is_personal();
        session.set_sent(&id3, event_target_checked(&ev), personal);
        // Ticking one off moves the letter on to the next still to write.
        form.pick_region(session.region.get_untracked(), true);
    };
    view! {
        <li class="lw-recipient" aria-current=current>
            <p><strong>{r.greeting.clone()}</strong> " " {about(&r)}</p>
            <p hidden=r.phone.is_none()>{s.phone()} " " <a href=tel>{phone}</a></p>
            <div class="lw-actions">
                <button type="button" class="lw-primary" on:click=act(Action::CopyOpen)>{primary}</button>
                <button type="button" hidden=r.email.is_none() on:click=act(Action::Email)>
                    {who(s.email_to())}
                </button>
                <button type="button" on:click=act(Action::Print)>{who(s.print_for())}</button>
                <label>
                    <input type="checkbox" prop:checked=sent on:change=mark />
                    {s.mark_sent()}
                </label>
                {kind}
            </div>
        </li>
    }
}

/// Beside a ticked "sent" box: whether the copy sent carried the reader's
/// own words (left out when the organiser turned the count off).
fn copy_kind(form: Form, id: &str, own_words: bool) -> impl IntoView {
    let (s, session) = (form.s, form.session);
    let (id, id2) = (id.to_owned(), id.to_owned());
    let sent = move || session.sent.with(|sent| sent.contains(&id));
    let personal = move || session.personal.with(|p| p.contains(&id2));
    let text = move || {
        if personal() {
            s.sent_personal()
        } else {
            s.sent_form()
        }
    };
    view! { <span class="lw-copy-kind" hidden=move || !own_words || !sent()>{text}</span> }
}

/// A recipient's name, and their title after it.
fn about(r: &Recipient) -> String {
    if r.title.is_empty() {
        r.name.clone()
    } else {
        format!("{} · {}", r.name, r.title)
    }
}
