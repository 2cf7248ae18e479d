import { z } from 'zod';

/** How the dialog layer behaves around the answer: clarifying, retrying, follow-ups, answers while a person is on the way. */
export const dialogSchema = z.object({
  /** Below this reply confidence the AI asks a clarifying question with article suggestions instead of answering (0: off). */
  clarifyBelow: z.number().min(0).max(1).default(0.15),
  /** Ask a clarifying question (with up to this many article titles as buttons) before handing over for "not found" or "off-topic"; 0: hand over at once. */
  suggestions: z.number().int().min(0).max(5).default(3),
  /** While a conversation waits for a person, still answer when the reply confidence is at least this (above 1: stay silent). */
  waitingMinConfidence: z.number().min(0).max(2).default(0.5),
  /** A message of at most this many words after an answer is a follow-up, routed and searched with the previous question. */
  followUpMaxWords: z.number().int().min(0).max(20).default(5),
  /** Up to this many words when it opens like a follow-up ("and …", "what if …") or points back ("that", "it"). */
  followUpMaxWordsWithCue: z.number().int().min(0).max(40).default(12),
  /** A longer message after an answer still continues it when its own best passage is in the article just cited and it has at most this many words (0: off). */
  followUpMaxWordsSameArticle: z.number().int().min(0).max(60).default(20),
  /** A message after an answer that does not look like a follow-up is asked again after the previous question when its own answer's confidence is below this, and the surer answer is kept (0: off). */
  contextRetryBelow: z.number().min(0).max(1).default(0.5),
  /** Whole replies that reject the last answer ("no", "wrong"), besides the `human.failure` phrases. */
  rejections: z
    .array(z.string())
    .default([
      'no',
      'nope',
      'wrong',
      "that's wrong",
      'not really',
      'incorrect',
      'no it did not',
      "no it didn't",
      'no sirve',
      'incorrecto',
      'non',
      'faux',
      'pas vraiment',
      'nein',
      'falsch',
      'nicht wirklich',
      'لا',
      'خطأ',
    ]),
});

export type DialogOptions = z.infer<typeof dialogSchema>;
export const DEFAULT_DIALOG: DialogOptions = dialogSchema.parse({});
