/** The 11 municipalities of Familjen Helsingborg (PROGRAMME.md). Helsingborg is the lead municipality. */
export const MUNICIPALITIES = [
  'Bjuv',
  'Båstad',
  'Helsingborg',
  'Höganäs',
  'Klippan',
  'Landskrona',
  'Perstorp',
  'Svalöv',
  'Åstorp',
  'Ängelholm',
  'Örkelljunga',
] as const;

export type Municipality = (typeof MUNICIPALITIES)[number];
