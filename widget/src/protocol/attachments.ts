/** The `meta.attachment` of a message that carries a file: one shape for the server, the widget and the console. */
export interface AttachmentMeta {
  id: string;
  name: string;
  type: string;
  size: number;
  /** True only for re-checked raster images that may be shown in the page; everything else is a download. */
  inline: boolean;
}

/** The attachment of a message, if it has one. */
export function attachmentOf(m: { meta?: Record<string, unknown> }): AttachmentMeta | undefined {
  const a = m.meta?.attachment as AttachmentMeta | undefined;
  return a && typeof a.id === 'string' ? a : undefined;
}
