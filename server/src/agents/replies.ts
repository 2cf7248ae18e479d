/** Fixed texts of the agent layer, kept in one place so they can be translated and reviewed. */
export const REPLIES = {
  followUp: 'Did this answer your question?',
  notFound: "I couldn't find this in our help centre, so I don't want to guess. I'm passing you to a person who can help.",
  outOfScope: "I can only help with questions about our products and your account, so I'll pass you to a person in case they can help.",
  handoff: "I'm connecting you with a person from our team.",
  greeting: 'Hi! What can I help you with today?',
  thanks: "You're welcome! Is there anything else I can help with?",
} as const;
