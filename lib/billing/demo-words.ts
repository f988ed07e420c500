// The demo catalogue's action names and units in the portal's other languages (portico.config.ts
// and the tests' DEMO_PLANS use the same words). Japanese has one form of a unit for every count.
import type { ActionTranslations } from "./terms";

export const DEMO_ACTION_WORDS = {
  api_call: {
    de: { name: "API-Aufruf", unit: { one: "Aufruf", other: "Aufrufe" } },
    fr: { name: "Appel API", unit: { one: "appel", other: "appels" } },
    es: { name: "Llamada a la API", unit: { one: "llamada", other: "llamadas" } },
    ja: { name: "API呼び出し", unit: { other: "回" } },
  },
  image_generation: {
    de: { name: "Bildgenerierung", unit: { one: "Bild", other: "Bilder" } },
    fr: { name: "Génération d’image", unit: { one: "image", other: "images" } },
    es: { name: "Generación de imágenes", unit: { one: "imagen", other: "imágenes" } },
    ja: { name: "画像生成", unit: { other: "枚" } },
  },
  voice_transcription: {
    de: { name: "Sprachtranskription", unit: { one: "Transkription", other: "Transkriptionen" } },
    fr: { name: "Transcription vocale", unit: { one: "transcription", other: "transcriptions" } },
    es: { name: "Transcripción de voz", unit: { one: "transcripción", other: "transcripciones" } },
    ja: { name: "音声文字起こし", unit: { other: "件" } },
  },
  agent_run: {
    de: { name: "Agentenlauf", unit: { one: "Lauf", other: "Läufe" } },
    fr: { name: "Exécution d’agent", unit: { one: "exécution", other: "exécutions" } },
    es: { name: "Ejecución de agente", unit: { one: "ejecución", other: "ejecuciones" } },
    ja: { name: "エージェント実行", unit: { other: "回" } },
  },
  gb_hour: {
    de: { name: "Arbeitsspeicher (GB-Stunde)", unit: { one: "GB-Stunde", other: "GB-Stunden" } },
    fr: { name: "Mémoire (Go-heure)", unit: { one: "Go-heure", other: "Go-heures" } },
    es: { name: "Memoria (GB-hora)", unit: { one: "GB-hora", other: "GB-horas" } },
    ja: { name: "メモリ（GB時間）", unit: { other: "GB時間" } },
  },
  build_minute: {
    de: { name: "Build-Minute", unit: { one: "Minute", other: "Minuten" } },
    fr: { name: "Minute de build", unit: { one: "minute", other: "minutes" } },
    es: { name: "Minuto de compilación", unit: { one: "minuto", other: "minutos" } },
    ja: { name: "ビルド時間", unit: { other: "分" } },
  },
} satisfies Record<string, ActionTranslations>;
