// Types for saxen 11 (the package ships none): the parts of its non-proxy, non-namespace API the live scan uses.
declare module "saxen" {
  export type DecodeEntities = (text: string) => string;
  export class Parser {
    constructor(options?: { proxy?: false });
    on(event: "openTag", handler: (name: string, attrs: () => Record<string, string>, decode: DecodeEntities, selfClosing: boolean) => void): this;
    on(event: "closeTag", handler: (name: string, decode: DecodeEntities, selfClosing: boolean) => void): this;
    on(event: "text", handler: (text: string, decode: DecodeEntities) => void): this;
    on(event: "cdata", handler: (text: string) => void): this;
    on(event: "error" | "warn", handler: (error: Error) => void): this;
    parse(xml: string): this;
  }
}
