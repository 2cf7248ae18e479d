/** The dialog layer's fixed texts; every shipped language defines all of them. */
export interface DialogReplies {
  /** Below the answer threshold: ask instead of guessing (article suggestions follow as buttons). */
  clarify: string;
  /** Clarify with no article close enough to suggest. */
  clarifyOpen: string;
  /** Off-topic the first time: say what the assistant covers and ask again. */
  clarifyScope: string;
  /** The customer said the last answer was wrong: the next best passage follows. */
  retry: string;
  /** While a person is on the way, an answer the AI is sure of ends with this. */
  personWillJoin: string;
  /** The help centre has no article in the customer's language: the English one follows. */
  englishArticle: string;
}

const TEXTS: Record<string, DialogReplies> = {
  en: {
    clarify: "I'm not sure I've understood. Could you tell me a bit more? One of these articles may be what you need:",
    clarifyOpen: "I'm not sure I've understood. Could you tell me a bit more about what you need?",
    clarifyScope:
      'I can help with questions about our products, services and your account. What would you like to know?',
    retry: "Sorry that didn't help. This part of our help centre may answer it better:",
    personWillJoin: 'A person from our team will still join you shortly.',
    englishArticle: 'This answer comes from our help centre in English.',
  },
  es: {
    clarify:
      'No estoy seguro de haberte entendido. ¿Puedes darme algún detalle más? Quizá buscas uno de estos artículos:',
    clarifyOpen: 'No estoy seguro de haberte entendido. ¿Puedes contarme un poco más sobre lo que necesitas?',
    clarifyScope:
      'Puedo ayudarte con preguntas sobre nuestros productos, servicios y tu cuenta. ¿Qué te gustaría saber?',
    retry: 'Siento que no te haya ayudado. Esta parte de nuestro centro de ayuda puede responderlo mejor:',
    personWillJoin: 'Una persona de nuestro equipo se unirá en breve igualmente.',
    englishArticle: 'Esta respuesta viene de nuestro centro de ayuda en inglés.',
  },
  fr: {
    clarify:
      'Je ne suis pas sûr d’avoir compris. Pouvez-vous m’en dire un peu plus ? L’un de ces articles répond peut-être à votre question :',
    clarifyOpen: 'Je ne suis pas sûr d’avoir compris. Pouvez-vous m’en dire un peu plus sur ce dont vous avez besoin ?',
    clarifyScope:
      'Je peux vous aider pour les questions sur nos produits, nos services et votre compte. Que souhaitez-vous savoir ?',
    retry: 'Désolé que cela ne vous ait pas aidé. Cette partie de notre centre d’aide y répond peut-être mieux :',
    personWillJoin: 'Une personne de notre équipe vous rejoindra tout de même sous peu.',
    englishArticle: 'Cette réponse provient de notre centre d’aide en anglais.',
  },
  de: {
    clarify:
      'Ich bin nicht sicher, ob ich Sie richtig verstanden habe. Können Sie etwas mehr dazu sagen? Vielleicht hilft einer dieser Artikel:',
    clarifyOpen:
      'Ich bin nicht sicher, ob ich Sie richtig verstanden habe. Können Sie etwas mehr darüber sagen, was Sie brauchen?',
    clarifyScope: 'Ich helfe bei Fragen zu unseren Produkten, Leistungen und Ihrem Konto. Was möchten Sie wissen?',
    retry: 'Schade, dass das nicht geholfen hat. Dieser Teil unseres Hilfe-Centers beantwortet es vielleicht besser:',
    personWillJoin: 'Eine Person aus unserem Team kommt trotzdem gleich dazu.',
    englishArticle: 'Diese Antwort stammt aus unserem englischsprachigen Hilfe-Center.',
  },
  ar: {
    clarify: 'لست متأكدًا من أنني فهمت. هل يمكنك إخباري بالمزيد؟ قد تجد ما تحتاجه في أحد هذه المقالات:',
    clarifyOpen: 'لست متأكدًا من أنني فهمت. هل يمكنك إخباري بالمزيد عمّا تحتاجه؟',
    clarifyScope: 'يمكنني المساعدة في الأسئلة المتعلقة بمنتجاتنا وخدماتنا وحسابك. ماذا تريد أن تعرف؟',
    retry: 'آسف لأن ذلك لم يساعد. قد يجيب هذا الجزء من مركز المساعدة بشكل أفضل:',
    personWillJoin: 'سينضم إليك موظف من فريقنا قريبًا على أي حال.',
    englishArticle: 'هذه الإجابة من مركز المساعدة باللغة الإنجليزية.',
  },
};

/** The dialog texts in the customer's language (detected, else the widget's locale, else English). */
export function dialogRepliesFor(detected?: string, locale?: string): DialogReplies {
  const pick = (tag?: string) => (tag ? TEXTS[tag.toLowerCase().split('-')[0]] : undefined);
  return pick(detected) ?? pick(locale) ?? TEXTS.en;
}
