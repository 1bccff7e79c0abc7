// Types for easysax (the package ships none): the parts haspec's XML reader uses.
declare module "easysax" {
  export default class EasySax {
    constructor(config?: { autoEntity?: boolean });
    on(event: "startNode", handler: (name: string, getAttrs: () => true | Record<string, string> | false, isTagEnd: boolean) => void): void;
    on(event: "endNode", handler: (name: string, isTagStart: boolean) => void): void;
    on(event: "textNode" | "cdata" | "error", handler: (text: string) => void): void;
    parse(xml: string): void;
  }
}
