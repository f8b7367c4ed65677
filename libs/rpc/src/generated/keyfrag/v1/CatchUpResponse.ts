// Original file: keyfrag/v1/fragment.proto


export interface CatchUpResponse {
}

export interface CatchUpResponse__Output {
}
