export declare const DIAGNOSTICS_DOC: string;
export declare function diagnosticsDocText(): string;
