/** The fixed texts of the agent layer; every language must define all of them. */
export interface Replies {
  followUp: string;
  notFound: string;
  outOfScope: string;
  handoff: string;
  greeting: string;
  thanks: string;
  /** After "ok", "got it", "great": an acknowledgement that is neither thanks nor a greeting. */
  anythingElse: string;
}

const EN: Replies = {
  followUp: 'Did this answer your question?',
  notFound:
    "I couldn't find this in our help centre, so I don't want to guess. I'm passing you to a person who can help.",
  outOfScope:
    "I can only help with questions about our products and your account, so I'll pass you to a person in case they can help.",
  handoff: "I'm connecting you with a person from our team.",
  greeting: 'Hi! What can I help you with today?',
  thanks: "You're welcome! Is there anything else I can help with?",
  anythingElse: 'Is there anything else I can help with?',
};

// The languages the widget ships; the help centre's own answers stay in the language they were written in.
const TRANSLATIONS: Record<string, Replies> = {
  en: EN,
  es: {
    followUp: '¿Ha respondido esto a tu pregunta?',
    notFound:
      'No he encontrado esto en nuestro centro de ayuda y prefiero no adivinar. Te paso con una persona que puede ayudarte.',
    outOfScope:
      'Solo puedo ayudarte con preguntas sobre nuestros productos y tu cuenta, así que te paso con una persona por si puede ayudarte.',
    handoff: 'Te estoy conectando con una persona de nuestro equipo.',
    greeting: '¡Hola! ¿En qué puedo ayudarte hoy?',
    thanks: '¡De nada! ¿Puedo ayudarte en algo más?',
    anythingElse: '¿Puedo ayudarte en algo más?',
  },
  fr: {
    followUp: 'Cela a-t-il répondu à votre question ?',
    notFound:
      'Je n’ai pas trouvé cela dans notre centre d’aide et je préfère ne pas deviner. Je vous passe une personne qui pourra vous aider.',
    outOfScope:
      'Je ne peux répondre qu’aux questions sur nos produits et votre compte ; je vous passe une personne au cas où elle pourrait vous aider.',
    handoff: 'Je vous mets en relation avec une personne de notre équipe.',
    greeting: 'Bonjour ! Comment puis-je vous aider aujourd’hui ?',
    thanks: 'Avec plaisir ! Puis-je vous aider pour autre chose ?',
    anythingElse: 'Puis-je vous aider pour autre chose ?',
  },
  de: {
    followUp: 'Hat das Ihre Frage beantwortet?',
    notFound:
      'Dazu habe ich in unserem Hilfe-Center nichts gefunden, und ich möchte nicht raten. Ich verbinde Sie mit einer Person, die helfen kann.',
    outOfScope:
      'Ich kann nur Fragen zu unseren Produkten und Ihrem Konto beantworten, daher verbinde ich Sie mit einer Person, die vielleicht helfen kann.',
    handoff: 'Ich verbinde Sie mit einer Person aus unserem Team.',
    greeting: 'Hallo! Wobei kann ich Ihnen heute helfen?',
    thanks: 'Gern geschehen! Kann ich sonst noch helfen?',
    anythingElse: 'Kann ich sonst noch helfen?',
  },
  ar: {
    followUp: 'هل أجاب هذا عن سؤالك؟',
    notFound: 'لم أجد هذا في مركز المساعدة لدينا ولا أريد أن أخمّن. سأحوّلك إلى موظف يمكنه مساعدتك.',
    outOfScope: 'يمكنني المساعدة فقط في الأسئلة المتعلقة بمنتجاتنا وحسابك، لذا سأحوّلك إلى موظف قد يتمكن من مساعدتك.',
    handoff: 'جارٍ توصيلك بموظف من فريقنا.',
    greeting: 'مرحبًا! كيف يمكنني مساعدتك اليوم؟',
    thanks: 'على الرحب والسعة! هل هناك شيء آخر يمكنني المساعدة فيه؟',
    anythingElse: 'هل هناك شيء آخر يمكنني المساعدة فيه؟',
  },
};

/** The English texts (tests and callers that need no language). */
export const REPLIES: Replies = EN;

/**
 * The fixed texts in the customer's language: the language detected in the message, else the widget's locale, else
 * English. @example repliesFor('es', 'en-GB').greeting // '¡Hola! ¿En qué puedo ayudarte hoy?'
 */
export function repliesFor(detected?: string, locale?: string): Replies {
  const pick = (tag?: string) => (tag ? TRANSLATIONS[tag.toLowerCase().split('-')[0]] : undefined);
  return pick(detected) ?? pick(locale) ?? EN;
}
