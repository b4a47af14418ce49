"""charts/keyfigures"""
