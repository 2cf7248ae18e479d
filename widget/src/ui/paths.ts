/** SVG path of the launcher's speech bubble (text lines cut out by opposite winding), shared by the loader and the widget so the swap is seamless. */
export const CHAT_PATH =
  'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 4v2h10V7zm0 4v2h7v-2z';
