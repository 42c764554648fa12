/**
 * Everything an author can use inside MDX, in one place. Article pages pass these to <Content />,
 * so articles use them without import lines. docs/writing.md shows each one.
 */
import Aside from './Aside.astro';
import Figure from './Figure.astro';

export const mdxComponents = { Aside, Figure };
export { Aside, Figure };
