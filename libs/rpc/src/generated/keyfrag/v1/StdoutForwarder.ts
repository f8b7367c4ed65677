// Original file: keyfrag/v1/audit.proto


export interface StdoutForwarder {
}

export interface StdoutForwarder__Output {
}
