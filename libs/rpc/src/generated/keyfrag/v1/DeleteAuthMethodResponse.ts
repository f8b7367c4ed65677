// Original file: keyfrag/v1/auth.proto


export interface DeleteAuthMethodResponse {
}

export interface DeleteAuthMethodResponse__Output {
}
