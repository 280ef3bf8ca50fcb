/**
 * The values a coded error's sentence is built from ({ name: 'leads.xlsx' }), so the window can say the same
 * sentence in its own language. The English `message` beside them stays what the CLI prints.
 */
export type ErrorParams = Readonly<Record<string, string | number>>
