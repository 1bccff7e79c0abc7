// The RDS client's AWS Query protocol with a faster body reader: responses are read by the schema-driven XML reader (schema-xml-reader.ts) when it can vouch for the result, else by the SDK's own deserializer; either way outputs come in the AWS CLI's JSON form (plain()).
import type { AwsQueryProtocol } from "@aws-sdk/core/protocols";
import type { Schema, SerdeFunctions } from "@smithy/types";
import { DEFER, outputReader, readQueryXml, type SchemaView } from "./schema-xml-reader.js";
import { utcIsoText } from "./utc-timestamp.js";
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
  const [{ AwsQueryProtocol, XmlShapeDeserializer }, { FromStringShapeDeserializer }, { NormalizedSchema }, serde] = await Promise.all([
    import("@aws-sdk/core/protocols"),
    import("@smithy/core/protocols"),
    import("@smithy/core/schema"),
    import("@smithy/core/serde"),
  ]);
  /** The SDK's timestamp parsers by schema type (5 date-time, 6 http-date, 7 epoch-seconds), as FromStringShapeDeserializer picks them. */
  const TIMESTAMP_PARSERS: Readonly<Record<number, (text: string) => Date | undefined>> = {
    5: serde._parseRfc3339DateTimeWithOffset,
    6: serde._parseRfc7231DateTime,
    7: serde._parseEpochTimestamp,
  };

  class SchemaXmlDeserializer extends XmlShapeDeserializer {
    /** The SDK's own scalar reader, with the same settings as the one the base class keeps to itself. */
    private readonly scalars = new FromStringShapeDeserializer(this.settings);

    /** Per scalar member: its text to its plain() value. */
    private readonly converters = new WeakMap<object, (text: string) => unknown>();

    override setSerdeContext(serdeContext: SerdeFunctions): void {
      super.setSerdeContext(serdeContext);
      this.scalars.setSerdeContext(serdeContext);
    }

    /**
     * What FromStringShapeDeserializer.read does for a body member of this scalar type, without
     * working out its HTTP binding on every value: numbers, booleans and timestamps directly, any
     * other type through the SDK's reader.
     */
    private converterOf(schema: SchemaView): (text: string) => unknown {
      const raw = schema.getSchema();
      const { timestampFormat, httpBindings } = this.settings as { timestampFormat: { useTrait: boolean; default: number }; httpBindings?: boolean };
      if (typeof raw === "number" && !httpBindings) {
        const type = raw & 0xff;
        if (type === 1) return (text) => Number(text);
        if (type === 2) return (text) => text.toLowerCase() === "true";
        const parse = type >= 4 && type <= 7 ? TIMESTAMP_PARSERS[timestampFormat.useTrait && type > 4 ? type : timestampFormat.default] : undefined;
        if (parse !== undefined) {
          const viaSdk = (text: string): unknown => {
            const date = parse(text);
            return date === undefined ? undefined : Number.isNaN(date.getTime()) ? null : date.toISOString(); // as plain() gives it
          };
          // RFC 3339 text already in UTC needs no Date (utc-timestamp.ts); the rest goes through the SDK's parser.
          return parse === serde._parseRfc3339DateTimeWithOffset ? (text) => utcIsoText(text) ?? viaSdk(text) : viaSdk;
        }
      }
      return (text) => plain(this.scalars.read(schema as unknown as Schema, text));
    }

    private readScalar(schema: SchemaView, text: string): unknown {
      let convert = this.converters.get(schema);
      if (convert === undefined) this.converters.set(schema, (convert = this.converterOf(schema)));
      return convert(text);
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
        out = readQueryXml(xml, reader, key, (s, text) => this.readScalar(s, text));
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
