// The letter builder's own words, one object per language. English is the
// reference: every language has exactly its keys and the same {placeholders}
// (tests/builder-strings.test.mjs checks). Keys starting with "_" are notes
// for translators. The widget's words are in src/strings/; these reuse their
// terms (letter, blank, copy). The template's keywords (`multiline`,
// `optional`) and blank names (`name`, `senator`) stay in English in every
// language: the widget reads them.

export const BUILDER_STRINGS = {
  en: {
    _note: "English, the reference: every other language has exactly these keys.",
    dir: "ltr",
    language_name: "English",
    title: "Letter builder — Letter Widget",
    description: "Write a letter with blanks, see it as your readers will, and copy the snippet for your blog.",
    heading: "Letter builder",
    intro:
      "Write or paste your letter. Put a blank where each reader writes their own words: {example_name}, {example_senator}, or simply {blank}. Add {multiline} or {optional} after a label. Your readers see the form on the right.",
    example_name_label: "Your full name",
    example_senator_label: "Senator's last name",
    letter_label: "Your letter",
    default_letter:
      "Dear Senator {{senator: Senator's last name}},\n\nI am writing to ask you to speak up for ...\n\nRespectfully,\n{{name: Your full name}}\n{{address: Your address | multiline}}",
    problem: "Problem in {detail}",
    subject_label: "Subject (for email and downloads)",
    to_label: "Email addresses for the Email button (optional, comma-separated)",
    max_label: "Character limit (optional)",
    id_label: "Letter name (keeps each reader's draft; letters, digits and dashes)",
    widget_lang_label: "Widget language",
    widget_lang_auto: "Reader's language (automatic)",
    widget_lang_hint: "The language of the widget's own labels and buttons. Your letter stays as you wrote it.",
    preview_heading: "What your readers see",
    snippets_heading: "Put it on your site",
    script_label: "Script tag: paste into your page's HTML (on WordPress use the plugin, see the README)",
    copy_script: "Copy script tag",
    copied_script: "Script tag copied.",
    iframe_label: "Iframe: for platforms that allow iframes but not scripts",
    copy_iframe: "Copy iframe",
    copied_iframe: "Iframe copied.",
    link_label: "Link: the whole letter is in the link; it never reaches a server",
    copy_link: "Copy link",
    copied_link: "Link copied.",
    copy_failed: "Couldn't copy; select the text and copy it.",
    iframe_title: "Letter",
  },

  ko: {
    _note:
      "Korean (한국어). Translation awaits review by a native speaker: written with care, but not yet checked by one. Corrections are welcome.",
    dir: "ltr",
    language_name: "한국어",
    title: "편지 만들기 — Letter Widget",
    description: "빈칸이 있는 편지를 쓰고, 독자에게 보이는 모습을 확인한 뒤, 블로그에 넣을 코드를 복사하세요.",
    heading: "편지 만들기",
    intro:
      "편지를 쓰거나 붙여 넣으세요. 독자가 자기 말을 적을 자리마다 빈칸을 넣으세요: {example_name}, {example_senator}, 또는 간단히 {blank}. 빈칸 이름 뒤에 {multiline} 또는 {optional}을 덧붙일 수 있습니다. 독자에게 보이는 양식은 옆에 나타납니다.",
    example_name_label: "성명",
    example_senator_label: "의원 이름",
    letter_label: "내 편지",
    default_letter:
      "존경하는 {{senator: 의원 이름}} 의원님께,\n\n... 문제에 대해 목소리를 내 주시기를 부탁드리며 이 편지를 씁니다.\n\n{{name: 성명}} 올림\n{{address: 주소 | multiline}}",
    problem: "문제: {detail}",
    subject_label: "제목 (이메일과 다운로드용)",
    to_label: "이메일 버튼으로 보낼 이메일 주소 (선택, 쉼표로 구분)",
    max_label: "글자 수 제한 (선택)",
    id_label: "편지 이름 (독자마다 임시 저장한 편지를 구분합니다. 영문자, 숫자, 대시만)",
    widget_lang_label: "위젯 언어",
    widget_lang_auto: "독자의 언어 (자동)",
    widget_lang_hint: "위젯의 이름표와 버튼에 쓰이는 언어입니다. 편지 내용은 작성하신 그대로입니다.",
    preview_heading: "독자에게 보이는 모습",
    snippets_heading: "사이트에 넣기",
    script_label: "스크립트 태그: 페이지의 HTML에 붙여 넣으세요 (워드프레스에서는 플러그인을 쓰세요. README 참고)",
    copy_script: "스크립트 태그 복사",
    copied_script: "스크립트 태그를 복사했습니다.",
    iframe_label: "iframe: 스크립트는 안 되지만 iframe은 되는 플랫폼용",
    copy_iframe: "iframe 복사",
    copied_iframe: "iframe을 복사했습니다.",
    link_label: "링크: 편지 전체가 링크 안에 들어 있으며, 서버로 전송되지 않습니다",
    copy_link: "링크 복사",
    copied_link: "링크를 복사했습니다.",
    copy_failed: "복사하지 못했습니다. 텍스트를 선택해서 직접 복사해 주세요.",
    iframe_title: "편지",
  },

  es: {
    _note:
      "Spanish (español). Translation awaits review by a native speaker: written with care, but not yet checked by one. Corrections are welcome.",
    dir: "ltr",
    language_name: "Español",
    title: "Creador de cartas — Letter Widget",
    description: "Escribe una carta con espacios en blanco, mírala como la verán tus lectores y copia el código para tu blog.",
    heading: "Creador de cartas",
    intro:
      "Escribe o pega tu carta. Pon un espacio en blanco donde cada lector escribirá sus propias palabras: {example_name}, {example_senator} o simplemente {blank}. Añade {multiline} u {optional} después de una etiqueta. Tus lectores ven el formulario al lado.",
    example_name_label: "Tu nombre completo",
    example_senator_label: "Apellido del senador",
    letter_label: "Tu carta",
    default_letter:
      "Estimado senador {{senator: Apellido del senador}}:\n\nLe escribo para pedirle que alce la voz por ...\n\nAtentamente,\n{{name: Tu nombre completo}}\n{{address: Tu dirección | multiline}}",
    problem: "Problema en {detail}",
    subject_label: "Asunto (para el correo y las descargas)",
    to_label: "Direcciones de correo para el botón Enviar por correo (opcional, separadas por comas)",
    max_label: "Límite de caracteres (opcional)",
    id_label: "Nombre de la carta (guarda el borrador de cada lector; letras, cifras y guiones)",
    widget_lang_label: "Idioma del widget",
    widget_lang_auto: "Idioma del lector (automático)",
    widget_lang_hint: "El idioma de las etiquetas y los botones del widget. Tu carta queda tal como la escribiste.",
    preview_heading: "Lo que ven tus lectores",
    snippets_heading: "Ponla en tu sitio",
    script_label: "Etiqueta script: pégala en el HTML de tu página (en WordPress usa el plugin; consulta el README)",
    copy_script: "Copiar etiqueta script",
    copied_script: "Etiqueta script copiada.",
    iframe_label: "Iframe: para plataformas que permiten iframes pero no scripts",
    copy_iframe: "Copiar iframe",
    copied_iframe: "Iframe copiado.",
    link_label: "Enlace: toda la carta va en el enlace; nunca llega a un servidor",
    copy_link: "Copiar enlace",
    copied_link: "Enlace copiado.",
    copy_failed: "No se pudo copiar. Selecciona el texto y cópialo tú.",
    iframe_title: "Carta",
  },

  ar: {
    _note:
      "Arabic (العربية), right to left. Translation awaits review by a native speaker: written with care, but not yet checked by one. Corrections are welcome.",
    dir: "rtl",
    language_name: "العربية",
    title: "منشئ الرسائل — Letter Widget",
    description: "اكتب رسالة فيها فراغات، وشاهدها كما سيراها قرّاؤك، وانسخ الشيفرة لمدونتك.",
    heading: "منشئ الرسائل",
    intro:
      "اكتب رسالتك أو الصقها. ضع فراغًا حيث يكتب كل قارئ كلماته الخاصة: {example_name} أو {example_senator} أو ببساطة {blank}. أضف {multiline} أو {optional} بعد اسم الفراغ. يرى قرّاؤك النموذج بجانبها.",
    example_name_label: "الاسم الكامل",
    example_senator_label: "اسم عضو مجلس الشيوخ",
    letter_label: "رسالتك",
    default_letter:
      "السيد {{senator: اسم عضو مجلس الشيوخ}} المحترم،\n\nأكتب إليكم لأطلب منكم أن ترفعوا صوتكم من أجل ...\n\nمع خالص التحية،\n{{name: الاسم الكامل}}\n{{address: العنوان | multiline}}",
    problem: "مشكلة في {detail}",
    subject_label: "الموضوع (للبريد الإلكتروني والتنزيلات)",
    to_label: "عناوين البريد الإلكتروني لزر البريد الإلكتروني (اختياري، مفصولة بفواصل)",
    max_label: "الحد الأقصى لعدد الأحرف (اختياري)",
    id_label: "اسم الرسالة (يحفظ مسودة كل قارئ؛ أحرف لاتينية وأرقام وشرطات)",
    widget_lang_label: "لغة الأداة",
    widget_lang_auto: "لغة القارئ (تلقائيًا)",
    widget_lang_hint: "لغة تسميات الأداة وأزرارها. تبقى رسالتك كما كتبتها.",
    preview_heading: "ما يراه قرّاؤك",
    snippets_heading: "ضعها على موقعك",
    script_label: "وسم script: الصقه في HTML صفحتك (في ووردبريس استخدم الإضافة، راجع ملف README)",
    copy_script: "نسخ وسم script",
    copied_script: "تم نسخ وسم script.",
    iframe_label: "إطار iframe: للمنصات التي تسمح بإطارات iframe دون السكربتات",
    copy_iframe: "نسخ iframe",
    copied_iframe: "تم نسخ iframe.",
    link_label: "رابط: الرسالة كلها داخل الرابط، ولا تصل أبدًا إلى أي خادم",
    copy_link: "نسخ الرابط",
    copied_link: "تم نسخ الرابط.",
    copy_failed: "تعذّر النسخ. حدّد النص وانسخه بنفسك.",
    iframe_title: "رسالة",
  },
};

/** Fills a string's {placeholders} from `values`; unknown ones stay as they are. */
export function format(text, values) {
  return text.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

/**
 * The builder's language for a list of language tags (the stored choice,
 * then navigator.languages): the first whose primary subtag the builder
 * speaks, matched like the widget does (ko-KR is ko); else English.
 */
export function pickLanguage(tags) {
  for (const tag of tags) {
    const lang = String(tag || "").split(/[-_]/)[0].toLowerCase();
    if (Object.hasOwn(BUILDER_STRINGS, lang)) return lang;
  }
  return "en";
}
