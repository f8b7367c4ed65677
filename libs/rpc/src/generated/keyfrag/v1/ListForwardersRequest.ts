// Original file: keyfrag/v1/audit.proto


export interface ListForwardersRequest {
}

export interface ListForwardersRequest__Output {
}
