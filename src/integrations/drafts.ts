/**
 * Drafts show under `astro dev` and nowhere else. The decision comes from the Astro command itself,
 * not from NODE_ENV or MODE, which a shell or a test runner may have set to anything.
 */
import type { AstroIntegration } from 'astro';

export default function drafts(): AstroIntegration {
  return {
    name: 'longform:drafts',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        updateConfig({ vite: { define: { 'import.meta.env.SHOW_DRAFTS': JSON.stringify(command === 'dev') } } });
      },
    },
  };
}
