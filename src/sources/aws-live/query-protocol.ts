// The RDS client's AWS Query protocol with a faster body reader: responses are read by the schema-driven XML reader (schema-xml-reader.ts) when it can vouch for the result, else by the SDK's own deserializer; either way outputs come in the AWS CLI's JSON form (plain()).
import type { AwsQueryProtocol } from "@aws-sdk/core/protocols";
import type { Schema, SerdeFunctions } from "@smithy/types";
import { DEFER, outputReader, readQueryXml, type SchemaView } from "./schema-xml-reader.js";
import { markPlainLists, plain } from "./util.js";

type QueryProtocolClass = typeof AwsQueryProtocol;

let loaded: Promise<QueryProtocolClass> | undefined;

/**
 * A subclass of the SDK's AwsQueryProtocol, to pass as the client's `protocol`. Loaded on first
 * use (the SDK modules it extends are only imported for a live scan).
 */
export function schemaXmlQueryProtocol(): Promise<QueryProtocolClass> {
  return (loaded ??= build());
}

async function build(): Promise<QueryProtocolClass> {
  const [{ AwsQueryProtocol, XmlShapeDeserializer }, { FromStringShapeDeserializer }, { NormalizedSchema }] = await Promise.all([
    import("@aws-sdk/core/protocols"),
    import("@smithy/core/protocols"),
    import("@smithy/core/schema"),
  ]);

  class SchemaXmlDeserializer extends XmlShapeDeserializer {
    /** The SDK's own scalar reader, with the same settings as the one the base class keeps to itself. */
    private readonly scalars = new FromStringShapeDeserializer(this.settings);

    override setSerdeContext(serdeContext: SerdeFunctions): void {
      super.setSerdeContext(serdeContext);
      this.scalars.setSerdeContext(serdeContext);
    }

    /**
     * An operation's output (`key` is its result element) as plain() would make the SDK's: what
     * the SDK reads as a Date is its ISO text here, and the output's lists are marked as plain so
     * the scan does not walk them again.
     */
    override read(schema: Schema, bytes: Uint8Array | string, key?: string): any {
      if (key === undefined) return super.read(schema, bytes, key);
      let out: unknown = DEFER;
      const ns = NormalizedSchema.of(schema);
      const reader = ns.isMemberSchema() ? undefined : outputReader(ns as unknown as SchemaView);
      if (reader !== undefined) {
        const xml = typeof bytes === "string" ? bytes : (this.serdeContext?.utf8Encoder ?? utf8)(bytes);
        out = readQueryXml(xml, reader, key, (s, text) => plain(this.scalars.read(s as unknown as Schema, text)));
      }
      if (out === DEFER) out = plain(super.read(schema, bytes, key));
      markPlainLists(out);
      return out;
    }
  }

  class SchemaXmlQueryProtocol extends AwsQueryProtocol {
    constructor(options: ConstructorParameters<QueryProtocolClass>[0]) {
      super(options);
      this.deserializer = new SchemaXmlDeserializer(this.deserializer.settings);
    }
  }
  return SchemaXmlQueryProtocol;
}

const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
