// Original file: keyfrag/v1/auth.proto


export interface ListRevocationsRequest {
}

export interface ListRevocationsRequest__Output {
}
