interface ImportMetaEnv {
  /** True under `astro dev` only (set by src/integrations/drafts.ts). */
  readonly SHOW_DRAFTS: boolean;
}
