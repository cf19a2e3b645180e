/** Formula syntax tree and diagnostics. Positions are 0-based character offsets into the source. */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type BinaryOperator = "+" | "-" | "*" | "/" | "%" | "=" | "!=" | "<" | "<=" | ">" | ">=" | "AND" | "OR";

export type Node =
  | (Span & { readonly type: "number"; readonly value: number })
  | (Span & { readonly type: "string"; readonly value: string })
  | (Span & { readonly type: "boolean"; readonly value: boolean })
  | (Span & {
      readonly type: "field";
      /** The field key (id), also when the source names the field (`[Story Points]`). */
      readonly name: string;
      /** The bracketed name as written, when the source used one. */
      readonly label?: string;
      /** Why a bracketed name resolves to no single field (unknown, or names several). */
      readonly problem?: string;
    })
  | (Span & { readonly type: "call"; readonly name: string; readonly args: readonly Node[] })
  | (Span & { readonly type: "unary"; readonly operator: "-" | "NOT"; readonly operand: Node })
  | (Span & { readonly type: "binary"; readonly operator: BinaryOperator; readonly left: Node; readonly right: Node });

export interface Diagnostic {
  readonly message: string;
  readonly position: number;
  readonly length: number;
}

export const diagnostic = (message: string, span: Span): Diagnostic => ({
  message,
  position: span.start,
  length: Math.max(1, span.end - span.start),
});
