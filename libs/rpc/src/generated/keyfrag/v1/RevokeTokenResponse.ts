// Original file: keyfrag/v1/auth.proto


export interface RevokeTokenResponse {
}

export interface RevokeTokenResponse__Output {
}
