import type { AgentLayer } from './types.js';
import { recalibrate, type VoteCalibration } from './vote-calibration.js';

/**
 * Show a sourced answer's confidence recalibrated by the site's votes, and keep the shipped model's own in
 * `modelConfidence` (stored with the message, so the next refit learns from what the model said, not from its own
 * output). Only the shown number changes: the dialog's thresholds were chosen on the shipped confidence and stay on it.
 */
export function withSiteCalibration(base: AgentLayer, current: () => VoteCalibration | undefined): AgentLayer {
  return {
    async reply(request, stream) {
      const reply = await base.reply(request, stream);
      if (!reply.sources.length || reply.confidence === undefined) return reply;
      return { ...reply, confidence: recalibrate(current(), reply.confidence), modelConfidence: reply.confidence };
    },
  };
}
