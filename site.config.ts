/**
 * Who the publication is. The author edits this file; every page reads from it.
 * Nothing here is invented about the author: replace the neutral defaults with your own.
 */
export interface SiteConfig {
  /** Publication name, shown in the header, the page titles and the feeds. */
  title: string;
  /** One line under the name on the home page and in feeds. */
  description: string;
  /** Canonical origin used for absolute URLs (canonical links, sitemap, feeds). No trailing slash. */
  url: string;
  /** BCP 47 language of the content. */
  lang: string;
  author: {
    /** The author line: how the author signs. */
    name: string;
    /** One-line introduction shown on the home page. */
    intro: string;
    /** Links shown on the home page and the footer. Leave a value empty to hide it. */
    links: { github: string; linkedin: string; email: string };
  };
}

const site: SiteConfig = {
  title: 'Articles',
  description: 'Long-form notes on Rails, PostgreSQL, distributed systems, performance, and ML from scratch.',
  url: 'https://example.com',
  lang: 'en',
  author: {
    name: 'The author',
    intro: 'Software engineer. I write long-form notes on how the systems under our code really work.',
    links: {
      github: 'https://github.com/',
      linkedin: 'https://www.linkedin.com/',
      email: 'mailto:author@example.com',
    },
  },
};

export default site;
