// Original file: keyfrag/v1/auth.proto


export interface GetTokenKeysRequest {
}

export interface GetTokenKeysRequest__Output {
}
