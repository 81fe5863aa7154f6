export * from "./contraforce_incident.js";
